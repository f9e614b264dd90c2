#pragma once
// Where the widgets a script (or a test) may want are on screen, and what text the results show. The panels
// record them while drawing; the scripted mode reads them to move its mouse and to check the displayed
// figures.
#include <imgui.h>

#include <map>
#include <string>

namespace yjsim::gui {

struct WidgetPlace {
  ImVec2 min, max;
  bool visible = false;  // inside its window's visible region this frame
  bool enabled = true;   // not greyed out (a click on a disabled widget does nothing)
  long frame = -1;       // the frame it was last drawn in
};

class UiRegistry {
 public:
  void begin_frame() { ++frame_; }
  long frame() const { return frame_; }
  // Call right after a widget: records its rectangle under `key`, and scrolls to it if a script asked.
  void item(const std::string& key);
  // The text shown in a results cell, under `key`.
  void text(const std::string& key, const std::string& value) { texts_[key] = value; }
  void clear_texts(const std::string& prefix);  // those whose key starts with `prefix`

  const WidgetPlace* find(const std::string& key) const;  // null unless drawn in the last two frames
  const std::map<std::string, std::string>& texts() const { return texts_; }
  void scroll_to(const std::string& key) { scroll_to_ = key; }

 private:
  std::map<std::string, WidgetPlace> items_;
  std::map<std::string, std::string> texts_;
  std::string scroll_to_;
  long frame_ = 0;
};

}  // namespace yjsim::gui
