#include "gui/text_wrap.h"

namespace yjsim::gui {

std::string wrap_at_spaces(const std::string& text, float width,
                           const std::function<float(std::string_view)>& width_of) {
  std::string out;
  std::size_t line_start = 0;  // in `out`
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t end = std::min(text.find_first_of(" \n", at), text.size());
    const std::string_view word(text.data() + at, end - at);
    const bool first = out.size() == line_start;
    if (!first) {
      const std::string_view line(out.data() + line_start, out.size() - line_start);
      if (width_of(std::string(line) + " " + std::string(word)) > width) {
        out += '\n';
        line_start = out.size();
      } else {
        out += ' ';
      }
    }
    out += word;
    if (end < text.size() && text[end] == '\n') {
      out += '\n';
      line_start = out.size();
    }
    at = end + 1;
  }
  return out;
}

void text_wrapped_at_spaces(const std::string& text, ImVec4 colour) {
  const std::string lines = wrap_at_spaces(text, ImGui::GetContentRegionAvail().x, [](std::string_view s) {
    return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x;
  });
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextUnformatted(lines.c_str());
  ImGui::PopStyleColor();
}

}  // namespace yjsim::gui
