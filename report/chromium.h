#pragma once
// Headless Chromium, the board pack's one renderer (docs/report.md "Formats"): the HTML page printed to PDF, and a
// chart's SVG drawn as a PNG at print resolution for the desktop app. One renderer means the PDF, the PNG and the
// HTML cannot disagree. Chromium is needed only for these (Debian package `chromium`; YJSIM_CHROMIUM names another).
#include <atomic>
#include <string>

namespace yjsim::report {

// A PNG of `svg` (one chart of report/svg_chart.h, with a viewBox) `width_px` wide, its height from the viewBox's
// proportions, on white, styled as in the board pack. Throws sim::IoError when Chromium is missing or fails, and
// sim::Cancelled when `cancel` is set.
std::string svg_to_png(const std::string& svg, int width_px, const std::atomic<bool>* cancel = nullptr);

// The PNG's pixel size for `svg` at `width_px` (the height svg_to_png gives). Throws sim::IoError without a viewBox.
int svg_png_height(const std::string& svg, int width_px);

}  // namespace yjsim::report
