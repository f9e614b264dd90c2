#pragma once
// A file chooser drawn with ImGui (it has none, and a native one would need GTK): a path field, the folder's
// contents to click through, OK and Cancel. Keyboard: type a path and press Enter; Escape cancels.
#include <optional>
#include <string>
#include <vector>

#include "gui/ui_registry.h"

namespace yjsim::gui {

class FileDialog {
 public:
  enum class Mode { Open, Save, Folder };
  // `extension` (".toml") filters the listing; `initial` is a file or folder path.
  void open(const std::string& title, Mode mode, const std::string& extension, const std::string& initial);
  // Call every frame; returns the chosen path once, when the planner presses OK or Enter.
  std::optional<std::string> draw(UiRegistry& ui);
  bool is_open() const { return open_ || want_open_; }
  const std::string& purpose() const { return purpose_; }
  void set_purpose(const std::string& p) { purpose_ = p; }  // what to do with the path (the app's business)

 private:
  void list(const std::string& folder);
  std::string folder_of(const std::string& path) const;
  bool accept(std::string& chosen);

  std::string title_, extension_, purpose_;
  Mode mode_ = Mode::Open;
  std::string path_, listed_, error_;
  std::vector<std::pair<std::string, bool>> entries_;  // name, is a folder
  bool open_ = false, want_open_ = false, focus_path_ = false;
  double listed_time_ = -1e9;  // when the listing last changed (ImGui time)
};

}  // namespace yjsim::gui
