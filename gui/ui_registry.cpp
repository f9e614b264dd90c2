#include "gui/ui_registry.h"

#include <imgui_internal.h>  // the window's clip rectangle and ScrollToItem (not yet public in 1.86)

namespace yjsim::gui {

void UiRegistry::item(const std::string& key) {
  WidgetPlace& w = items_[key];
  w.min = ImGui::GetItemRectMin();
  w.max = ImGui::GetItemRectMax();
  // Visible only if wholly inside what its window (and the windows around it) show: a click at the centre of
  // an item half under a scroll edge might miss.
  ImDrawList* dl =
      ImGui::GetWindowDrawList();  // its clip rectangle: what the window (and those around it) show
  const ImRect shown(dl->GetClipRectMin(), dl->GetClipRectMax());
  w.visible = ImGui::IsItemVisible() && shown.Contains(ImRect(w.min, w.max));
  w.enabled = !(GImGui->LastItemData.InFlags & ImGuiItemFlags_Disabled);
  w.frame = frame_;
  if (!scroll_to_.empty() && key == scroll_to_) {
    ImGui::ScrollToItem(ImGuiScrollFlags_KeepVisibleCenterY);  // scrolls the windows around it too
    scroll_to_.clear();
  }
}

void UiRegistry::clear_texts(const std::string& prefix) {
  for (auto it = texts_.lower_bound(prefix); it != texts_.end() && it->first.rfind(prefix, 0) == 0;)
    it = texts_.erase(it);
}

const WidgetPlace* UiRegistry::find(const std::string& key) const {
  auto it = items_.find(key);
  if (it == items_.end() || it->second.frame < frame_ - 1) return nullptr;
  return &it->second;
}

}  // namespace yjsim::gui
