// A calibrated scenario's board pack (docs/report.md "Published figures and the funnel plot"): the area's
// published figures on the charts and the funnel plot, the same in the HTML, the PDF's text and the XLSX
// (read back by openpyxl) as the library's.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "input/scenario_reader.h"
#include "report/pack_files.h"
#include "models/simulation.h"
#include "report/board_pack.h"
#include "report/format.h"
#include "report/svg_chart.h"
#include "sim/summary.h"
#include "analysis/published_check.h"

namespace fs = std::filesystem;
using namespace yjsim;
using yjsim::test::sheet;
using yjsim::test::shell;
using yjsim::test::slurp;
using yjsim::test::squeeze;

namespace {
const std::string kScenario = std::string(YJSIM_SOURCE_DIR) + "/scenarios/calibration/bromley.toml";
constexpr int kReplicates = 6;

// The library's pack of a scenario at kReplicates runs.
report::BoardPack pack_of(const std::string& scenario) {
  auto s = input::load_scenario(scenario);
  for (auto& v : s.variants) v.params.run.replicates = kReplicates;
  auto r = models::run_scenario(s);
  return report::make_board_pack(std::move(s), std::move(r));
}
const report::BoardPack& bromley_pack() {
  static const report::BoardPack p = pack_of(kScenario);
  return p;
}

std::string join(const std::vector<std::string>& cells, const std::string& before, const std::string& after) {
  std::string o;
  for (const auto& c : cells) o += before + c + after;
  return o;
}

}  // namespace

TEST_CASE("board pack of a calibrated scenario: published figures on the charts and the funnel plot") {
  const fs::path dir = fs::temp_directory_path() / ("yjsim_published_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path html_path = dir / "b.html", pdf = dir / "b.pdf", xlsx = dir / "b.xlsx";
  REQUIRE(shell(std::string(YJSIM_BINARY) + " report " + kScenario + " --replicates " + std::to_string(kReplicates) +
                " -q -o " + html_path.string() + " --pdf " + pdf.string() + " --xlsx " + xlsx.string()) == 0);
  const auto& p = bromley_pack();
  const std::string html = slurp(html_path);
  CHECK(report::board_html(p) == html);

  REQUIRE(p.funnels.size() == 1);
  const auto& f = p.funnels[0];
  CHECK(f.national.national.rate == 0.409);  // April 2016 - March 2017, the nearest national cohort to calendar 2016
  CHECK(f.figure.value == 0.461);
  CHECK(!f.n_published);
  CHECK(f.at_lo998 < f.at_lo95);
  CHECK(f.at_lo95 < 0.409);
  CHECK(f.at_hi95 > 0.409);
  CHECK((f.figure.value > f.at_hi95) == (f.verdict.rfind("above", 0) == 0));

  // HTML: the funnel sentence, the published figures beside the charts, markers drawn on the charts in the run.
  CHECK(html.find(report::xml_escape(report::funnel_sentence(f))) != std::string::npos);
  for (const auto& fig : p.scenario.calibration.published)
    if (fig.kpi == "reoffending_binary_rate" || fig.kpi == "fte_count" || fig.kpi == "custodial_sentences")
      CHECK_MESSAGE(html.find(report::xml_escape(report::published_sentence("Bromley", fig))) != std::string::npos, fig.kpi);
  std::size_t marks = 0;
  for (std::size_t at = 0; (at = html.find("class=\"published\"/>", at)) != std::string::npos; ++at) ++marks;
  CHECK(marks == 3);  // the binary rate (2016), first time entrants (Jul 2017 - Jun 2018), custodial sentences (Oct 2017 - Sep 2018)
  CHECK(html.find("class=\"chart funnel\"") != std::string::npos);

  // PDF text: the same sentence.
  REQUIRE(shell("pdftotext " + pdf.string() + " " + (dir / "b.txt").string()) == 0);
  const std::string text = squeeze(slurp(dir / "b.txt"));
  CHECK(text.find(squeeze(report::funnel_sentence(f))) != std::string::npos);
  CHECK(text.find(squeeze(report::published_sentence("Bromley", p.scenario.calibration.published[0]))) != std::string::npos);

  // XLSX: the Published figures sheet holds the library's limits.
  int rows = 0, funnel_rows = 0;
  for (const auto& c : sheet(xlsx, "Published figures", dir)) {
    if (c.size() < 6 || c[0] != "Bromley") continue;
    ++rows;
    if (c[1] != "reoffending_binary_rate") continue;
    REQUIRE(c.size() >= 16);
    ++funnel_rows;
    CHECK(std::stod(c[3]) == f.figure.value);
    CHECK(std::stod(c[6]) == f.n);
    CHECK(std::stod(c[8]) == f.national.national.rate);
    CHECK(std::stod(c[11]) == doctest::Approx(f.at_lo95).epsilon(1e-12));
    CHECK(std::stod(c[12]) == doctest::Approx(f.at_hi95).epsilon(1e-12));
    CHECK(std::stod(c[13]) == doctest::Approx(f.at_lo998).epsilon(1e-12));
    CHECK(std::stod(c[14]) == doctest::Approx(f.at_hi998).epsilon(1e-12));
    CHECK(c[15] == f.verdict);
  }
  CHECK(rows == static_cast<int>(p.scenario.calibration.published.size()));
  CHECK(funnel_rows == 1);

  CHECK(html.find("Bromley against England and Wales") != std::string::npos);

  // The calibration page: each published figure against the calibrated model (this run's baseline: bromley.toml
  // runs from its figures' first month) and each parameter's posterior, as the library computes them, in the
  // HTML, the PDF's text and the XLSX.
  const auto& k = p.calibration;
  const auto& cal = p.scenario.calibration;
  CHECK(!k.from_check_run);
  CHECK(k.runs == kReplicates);
  REQUIRE(k.figures.size() == cal.published.size());
  for (std::size_t i = 0; i < k.figures.size(); ++i) {
    const auto& fig = k.figures[i];
    const auto sm = analysis::target_summary(p.results, analysis::as_target(cal.published[i]));  // the fit's own figure
    CHECK(fig.mean == sm.mean);
    CHECK(fig.p05 == sm.p5);
    CHECK(fig.p95 == sm.p95);
    CHECK(fig.within == (fig.figure.value >= sm.p5 && fig.figure.value <= sm.p95));
    const auto cells = report::calibration_row(fig);
    std::string row;
    for (std::size_t c = 0; c < cells.size(); ++c)
      row += (c == 5 ? std::string("<td class=\"") + (fig.within ? "good" : "bad") + "\">" : std::string("<td>")) +
             report::xml_escape(cells[c]) + "</td>";
    CHECK_MESSAGE(html.find(row) != std::string::npos, row);
    CHECK_MESSAGE(text.find(squeeze(join(cells, "", " "))) != std::string::npos, join(cells, "", " | "));
  }
  REQUIRE(k.parameters.size() == cal.parameters.size());
  for (std::size_t i = 0; i < k.parameters.size(); ++i) {
    const auto& q = k.parameters[i];
    std::vector<double> column;
    for (const auto& d : cal.draws) column.push_back(d[i]);
    const auto sm = sim::summarise(column);
    CHECK(q.mean == sm.mean);
    CHECK(q.p05 == sm.p5);
    CHECK(q.p95 == sm.p95);
    CHECK(q.map == cal.values[i]);
    const auto cells = report::posterior_row(q);
    CHECK(html.find(join(cells, "<td>", "</td>")) != std::string::npos);
    CHECK_MESSAGE(text.find(squeeze(join(cells, "", " "))) != std::string::npos, join(cells, "", " | "));
  }
  CHECK(text.find(squeeze(report::calibration_sentence(p))) != std::string::npos);
  // (libxlsxwriter writes 16 significant digits: equal to 1 part in 10^15)
  const auto fig_rows = sheet(xlsx, "Calibration", dir);
  REQUIRE(fig_rows.size() == k.figures.size() + 1);
  for (std::size_t i = 0; i < k.figures.size(); ++i) {
    const auto& c = fig_rows[i + 1];
    REQUIRE(c.size() >= 11);
    CHECK(c[0] == k.figures[i].figure.kpi);
    CHECK(std::stod(c[3]) == doctest::Approx(k.figures[i].figure.value).epsilon(1e-15));
    CHECK(std::stod(c[4]) == doctest::Approx(k.figures[i].mean).epsilon(1e-15));
    CHECK(std::stod(c[5]) == doctest::Approx(k.figures[i].p05).epsilon(1e-15));
    CHECK(std::stod(c[6]) == doctest::Approx(k.figures[i].p95).epsilon(1e-15));
    CHECK(c[7] == (k.figures[i].within ? "yes" : "no"));
    CHECK(std::stod(c[9]) == doctest::Approx(kReplicates).epsilon(1e-15));
  }
  const auto par_rows = sheet(xlsx, "Posterior", dir);
  REQUIRE(par_rows.size() == k.parameters.size() + 1);
  for (std::size_t i = 0; i < k.parameters.size(); ++i) {
    const auto& c = par_rows[i + 1];
    REQUIRE(c.size() >= 10);
    CHECK(c[0] == k.parameters[i].name);
    CHECK(std::stod(c[1]) == doctest::Approx(k.parameters[i].map).epsilon(1e-15));
    CHECK(std::stod(c[2]) == doctest::Approx(k.parameters[i].mean).epsilon(1e-15));
    CHECK(std::stod(c[4]) == doctest::Approx(k.parameters[i].p05).epsilon(1e-15));
    CHECK(std::stod(c[6]) == doctest::Approx(k.parameters[i].p95).epsilon(1e-15));
    CHECK(std::stod(c[9]) == doctest::Approx(static_cast<double>(cal.draws.size())).epsilon(1e-15));
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
}

TEST_CASE("board pack of a plan on a calibration: the calibration page from a check run over the figures' months") {
  // bromley_mentoring.toml plans from April 2019 on Bromley's fit to 2016-2018: its run does not cover the
  // figures, so the page's model figures come from the calibrated baseline run from the first figure's month,
  // which is what bromley.toml itself runs (the same seed, draws and population): the same figures.
  const auto p = pack_of(std::string(YJSIM_SOURCE_DIR) + "/scenarios/calibration/bromley_mentoring.toml");
  const auto& k = p.calibration;
  CHECK(k.from_check_run);
  CHECK(k.check_start == "2016-01");
  CHECK(k.check_months == 33);  // January 2016 to September 2018, the last figure's last month
  CHECK(k.runs == kReplicates);
  const auto& own = bromley_pack().calibration;
  CHECK(!own.from_check_run);
  REQUIRE(k.figures.size() == own.figures.size());
  for (std::size_t i = 0; i < k.figures.size(); ++i) {
    CHECK(k.figures[i].mean == own.figures[i].mean);
    CHECK(k.figures[i].p05 == own.figures[i].p05);
    CHECK(k.figures[i].p95 == own.figures[i].p95);
  }
  const std::string html = report::board_html(p);
  CHECK(html.find(report::xml_escape(report::calibration_sentence(p))) != std::string::npos);
  CHECK(report::calibration_sentence(p).find("a check run of the calibrated baseline") != std::string::npos);
  // An uncalibrated scenario has no calibration page.
  CHECK(report::board_html(pack_of(std::string(YJSIM_SOURCE_DIR) + "/gui/tests/small_borough.toml")).find("<h1>Calibration: ") ==
        std::string::npos);
}
