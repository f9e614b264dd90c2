#include "gui/settings.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace yjsim::gui {

std::string settings_path() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  std::filesystem::path dir = xdg && *xdg ? std::filesystem::path(xdg)
                              : home      ? std::filesystem::path(home) / ".config"
                                          : std::filesystem::path(".");
  return (dir / "yjsim" / "gui.conf").string();
}

std::string layout_path() {
  const std::filesystem::path path = std::filesystem::path(settings_path()).parent_path() / "imgui.ini";
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  return path.string();
}

Settings load_settings() {
  Settings s;
  std::ifstream in(settings_path());
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    key.erase(key.find_last_not_of(" \t") + 1);
    std::istringstream v(value);
    float x = 0;
    if (key == "scale" && (v >> x) && x >= 0.5f && x <= 4.0f) s.scale = x;
  }
  return s;
}

void save_settings(const Settings& s) {
  std::error_code ec;
  const std::filesystem::path path = settings_path();
  std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream out(path);
  if (s.scale) out << "scale = " << *s.scale << '\n';
}

}  // namespace yjsim::gui
