#pragma once
// A table's header row whose names wrap onto more lines at their column's width rather than being cut, with a
// tooltip giving the full name and what the column holds (issue 15 item 4): narrow columns keep a laptop's
// tables in view (1280 x 720) without hiding what a column is.
#include <string>
#include <vector>

#include "gui/ui_registry.h"

namespace yjsim::gui {

// In place of ImGui::TableHeadersRow(), after the TableSetupColumn calls. `tips[i]` says what column i holds
// ("" or missing: the name alone). Each header is recorded as widget and text `key/<i>` (0-based column), so a
// script can check that it is wholly on screen.
void wrapped_headers_row(UiRegistry& ui, const std::string& key, const std::vector<std::string>& tips = {});

// TableSetupColumn for each (name, weight): stretched columns sharing the table's width by weight.
void stretch_columns(const std::vector<std::pair<const char*, float>>& columns);

// The tooltip of the item just drawn, wrapped at 30 em, when it is hovered.
void wrapped_tooltip(const std::string& text);

}  // namespace yjsim::gui
