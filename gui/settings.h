#pragma once
// The app's own settings, kept between sessions in $XDG_CONFIG_HOME/yjsim/gui.conf
// (~/.config/yjsim/gui.conf): one "key = value" a line. Only the interface scale for now.
#include <optional>
#include <string>

namespace yjsim::gui {

struct Settings {
  std::optional<float> scale;  // text and spacing; unset: from the monitor
};

std::string settings_path();
std::string layout_path();  // ImGui's layout file, next to the settings (its folder is made if need be)
Settings load_settings();
void save_settings(const Settings& s);  // quietly does nothing if the folder cannot be written

}  // namespace yjsim::gui
