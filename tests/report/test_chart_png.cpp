// The chart a planner prints from the desktop app (docs/report.md "For the desktop app"): the board pack's own fan
// chart of the KPI (the same SVG as on the pack's charts page), drawn by Chromium as a PNG of A4's printable width
// at 300 dpi, with the chart's ink on it.
#include <doctest/doctest.h>
#include <stb_image.h>

#include <cstdlib>
#include <string>

#include "analysis/board_summary.h"
#include "input/scenario_reader.h"
#include "models/simulation.h"
#include "report/board_charts.h"
#include "report/board_pack.h"
#include "report/chromium.h"
#include "sim/errors.h"

using namespace yjsim;

namespace {
const report::BoardPack& pack() {
  static const report::BoardPack p = [] {
    auto s = input::load_scenario(std::string(YJSIM_SOURCE_DIR) + "/scenarios/tri_borough_mentoring.toml");
    for (auto& v : s.variants) v.params.run.replicates = 4;
    auto r = models::run_scenario(s);
    return report::make_board_pack(std::move(s), std::move(r));
  }();
  return p;
}

struct Pixels {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;
  long count(unsigned char r, unsigned char g, unsigned char b) const {  // pixels of that colour, within 8 a channel
    long n = 0;
    for (std::size_t i = 0; i + 2 < rgb.size(); i += 3)
      n += std::abs(rgb[i] - r) <= 8 && std::abs(rgb[i + 1] - g) <= 8 && std::abs(rgb[i + 2] - b) <= 8;
    return n;
  }
};
Pixels decode(const std::string& png) {
  Pixels p;
  int channels = 0;
  unsigned char* d = stbi_load_from_memory(reinterpret_cast<const unsigned char*>(png.data()), static_cast<int>(png.size()),
                                           &p.width, &p.height, &channels, 3);
  REQUIRE(d != nullptr);
  p.rgb.assign(d, d + static_cast<std::size_t>(p.width) * static_cast<std::size_t>(p.height) * 3);
  stbi_image_free(d);
  return p;
}
}  // namespace

TEST_CASE("a chart printed from the app is the board pack's chart, 2173 pixels wide, with its ink") {
  const auto& p = pack();
  const std::string html = report::board_html(p);
  for (const auto& kpi : p.summary.indicators)
    CHECK(html.find(report::kpi_fan_chart_svg(p.results, p.scenario.calibration, kpi)) != std::string::npos);

  const std::string svg = report::kpi_fan_chart_svg(p.results, p.scenario.calibration, "custodial_sentences");
  // About 1.5 custodial sentences a quarter in this borough: charted by financial year, as the app does.
  CHECK(analysis::small_count(p.results, "custodial_sentences"));
  CHECK(svg.find("(sentences, each year)") != std::string::npos);
  for (const char* year : {">2018/19<", ">2019/20<", ">2020/21<", ">2021/22<"}) CHECK(svg.find(year) != std::string::npos);
  CHECK(svg.find("Q1<") == std::string::npos);
  const std::string fte = report::kpi_fan_chart_svg(p.results, p.scenario.calibration, "fte_rate_per_100k");
  CHECK(fte.find("each quarter") != std::string::npos);  // a rate: by quarter, labelled in financial years
  CHECK(fte.find(">2018/19 Q1<") != std::string::npos);
  CHECK(report::kPrintWidthPx == 2173);  // 184 mm (A4 less 13 mm margins) at 300 dpi
  CHECK(report::svg_png_height(svg, 2173) == 687);  // the chart's 620 x 196 proportions
  const Pixels px = decode(report::kpi_chart_print_png(p.results, p.scenario.calibration, "custodial_sentences"));
  CHECK(px.width == 2173);
  CHECK(px.height == 687);
  const long all = static_cast<long>(px.width) * px.height;
  const long white = px.count(255, 255, 255);
  CHECK(white > all / 3);   // the page behind the chart
  CHECK(white < all * 19 / 20);  // and the chart on it
  // The baseline's legend swatch at least (#3b6ea8, about 1,000 pixels): its line may lie under the variant's, as
  // here, where mentoring changes no custodial sentence in these 4 replicates (looked at).
  CHECK(px.count(0x3b, 0x6e, 0xa8) > 800);
  CHECK(px.count(0xd9, 0x82, 0x2b) > 2000);  // the variant's (#d9822b)
}

TEST_CASE("a chart print without Chromium is an error that says so") {
  ::setenv("YJSIM_CHROMIUM", "/nonexistent/chromium", 1);
  const auto& p = pack();
  CHECK_THROWS_WITH_AS(report::kpi_chart_print_png(p.results, p.scenario.calibration, "fte_count"),
                       doctest::Contains("PNG: cannot start /nonexistent/chromium"), sim::IoError);
  ::unsetenv("YJSIM_CHROMIUM");
}
