// Text wrapped at spaces only. ImGui's own wrapping also breaks after '.' and ',', which cuts numbers in two
// ("benefit-cost ratio 0.27 [-0.64, 1." / "35]"); a planner must never read half a figure.
#pragma once

#include <imgui.h>

#include <functional>
#include <string>
#include <string_view>

namespace yjsim::gui {

// `text` with each space where a line would pass `width` (as `width_of` measures it) turned into a line
// break. A word wider than the line keeps a line of its own, whole; line breaks already in the text stay.
std::string wrap_at_spaces(const std::string& text, float width,
                           const std::function<float(std::string_view)>& width_of);

// Draws `text` in `colour`, wrapped at spaces in the width left on the line (a table cell's, or the
// window's).
void text_wrapped_at_spaces(const std::string& text, ImVec4 colour);

}  // namespace yjsim::gui
