#include "gui/table_header.h"

#include <imgui.h>

namespace yjsim::gui {

void wrapped_tooltip(const std::string& text) {
  if (text.empty() || !ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void stretch_columns(const std::vector<std::pair<const char*, float>>& columns) {
  for (const auto& [name, weight] : columns) ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_WidthStretch, weight);
}

void wrapped_headers_row(UiRegistry& ui, const std::string& key, const std::vector<std::string>& tips) {
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(ImGuiCol_TableHeaderBg));
  const int columns = ImGui::TableGetColumnCount();
  for (int i = 0; i < columns; ++i) {
    if (!ImGui::TableSetColumnIndex(i)) continue;  // scrolled out of view: not drawn, so not recorded
    const std::string name = ImGui::TableGetColumnName(i);
    ImGui::PushTextWrapPos(0);  // the cell's right edge; a word longer than the column breaks inside it
    ImGui::TextUnformatted(name.c_str());
    ImGui::PopTextWrapPos();
    const std::string k = key + "/" + std::to_string(i);
    ui.item(k);
    ui.text(k, name);
    const auto at = static_cast<std::size_t>(i);
    wrapped_tooltip(at < tips.size() && !tips[at].empty() ? name + ": " + tips[at] : name);
  }
}

}  // namespace yjsim::gui
