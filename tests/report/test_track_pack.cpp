// The tracker pack (docs/report.md "The tracker pack"): `yjsim report TRACK.h5` on the file `yjsim track -o`
// writes. The projection in the HTML, the PDF's text (pdftotext) and the XLSX (openpyxl) is the library's own
// (analysis::track on the same extract, reference and seed), read back from the file exactly.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "analysis/tracker.h"
#include "input/cohort.h"
#include "input/scenario_reader.h"
#include "report/pack_files.h"
#include "io/results_reader.h"
#include "report/svg_chart.h"
#include "report/track_pack.h"

namespace fs = std::filesystem;
using namespace yjsim;
using yjsim::test::sheet;
using yjsim::test::shell;
using yjsim::test::slurp;
using yjsim::test::squeeze;

namespace {
const std::string kExample = std::string(YJSIM_SOURCE_DIR) + "/data/examples/track/";
}  // namespace

TEST_CASE("yjsim report TRACK.h5: the tracker pack holds the library's projection in the HTML, the PDF and the XLSX") {
  const fs::path dir = fs::temp_directory_path() / ("yjsim_track_pack_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path h5 = dir / "t.h5", html_path = dir / "t.html", pdf = dir / "t.pdf", xlsx = dir / "t.xlsx";
  const std::string bin = YJSIM_BINARY;
  REQUIRE(shell(bin + " track " + kExample + "children.csv " + kExample + "events.csv --as-of 2020-12-31 --reference-replicates 2 "
                "--draws 50 --target-binary 0.35 -q -o " + h5.string()) == 0);
  REQUIRE(shell(bin + " report " + h5.string() + " -q -o " + html_path.string() + " --pdf " + pdf.string() + " --xlsx " +
                xlsx.string()) == 0);

  // The library's projection: the same extract, the built-in defaults' reference (2 replicates) and seed.
  const auto s = input::parse_scenario("", "(built-in defaults)");
  const auto x = input::read_cohort(kExample + "children.csv", kExample + "events.csv", *input::Date::parse("2020-12-31"));
  const auto pool = analysis::make_reference(s, s.baseline().run.seed, 2, 0);
  analysis::TrackOptions o;
  o.draws = 50;
  o.seed = s.baseline().run.seed;
  o.target_binary = 0.35;
  const auto t = analysis::track(x, pool, o);
  REQUIRE(t.cohorts.size() == 8);

  // The file read back is the library's result, figure for figure.
  const auto stored = io::read_track_file(h5.string());
  const auto& f = stored.result;
  REQUIRE(f.cohorts.size() == t.cohorts.size());
  CHECK(f.draws == 50);
  CHECK(f.target_binary == t.target_binary);
  for (std::size_t i = 0; i < t.cohorts.size(); ++i) {
    const auto &a = f.cohorts[i], &b = t.cohorts[i];
    CHECK(a.label == b.label);
    CHECK(a.first_month == b.first_month);
    CHECK(a.complete == b.complete);
    CHECK(a.publication_month == b.publication_month);
    CHECK(a.size == b.size);
    CHECK(a.binary_final.summary.mean == b.binary_final.summary.mean);
    CHECK(a.binary_final.summary.p5 == b.binary_final.summary.p5);
    CHECK(a.binary_final.summary.p95 == b.binary_final.summary.p95);
    CHECK(a.p_binary_below == b.p_binary_below);
    CHECK(f.binary_draws[i] == t.binary_draws[i]);
  }

  // HTML: the file's pack, self-contained, with every cohort's sentence and row as the library's figures say them.
  const std::string html = slurp(html_path);
  CHECK(html == report::track_html(stored));
  std::size_t http = 0;
  for (std::size_t at = 0; (at = html.find("http", at)) != std::string::npos; ++at) ++http;
  CHECK(http == 1);  // the SVG namespace only
  REQUIRE(shell("pdftotext " + pdf.string() + " " + (dir / "t.txt").string()) == 0);
  const std::string text = squeeze(slurp(dir / "t.txt"));
  for (const auto& c : t.cohorts) {
    const std::string sentence = report::track_sentence(c, t);
    CHECK_MESSAGE(html.find(report::xml_escape(sentence)) != std::string::npos, sentence);
    CHECK_MESSAGE(text.find(squeeze(sentence)) != std::string::npos, sentence);
    std::string row;
    for (const auto& cell : report::track_row(c, t)) row += "<td>" + report::xml_escape(cell) + "</td>";
    CHECK_MESSAGE(html.find(row) != std::string::npos, row);
  }
  // The example's first two cohorts are complete (final), the others projected with a publication month.
  CHECK(report::track_sentence(t.cohorts[0], t).find("is complete") != std::string::npos);
  CHECK(report::track_sentence(t.cohorts[7], t).find("published by the MoJ in October 2022") != std::string::npos);
  REQUIRE(shell("pdftoppm -r 30 -png " + pdf.string() + " " + (dir / "page").string()) == 0);
  CHECK(fs::exists(dir / "page-1.png"));

  // XLSX: the Projection sheet's numbers (libxlsxwriter writes 16 significant digits).
  const auto sheet_rows = sheet(xlsx, "Projection", dir);  // the header, then one row per cohort
  REQUIRE(!sheet_rows.empty());
  std::size_t rows = 0;
  for (; rows + 1 < sheet_rows.size(); ++rows) {
    const auto& c = sheet_rows[rows + 1];
    REQUIRE(rows < t.cohorts.size());
    REQUIRE(c.size() >= 22);
    const auto& k = t.cohorts[rows];
    CHECK(c[0] == k.label);
    CHECK(std::stod(c[2]) == k.size);
    CHECK(std::stod(c[7]) == doctest::Approx(k.binary_final.summary.mean).epsilon(1e-15));
    CHECK(std::stod(c[8]) == doctest::Approx(k.binary_final.summary.p5).epsilon(1e-15));
    CHECK(std::stod(c[10]) == doctest::Approx(k.binary_final.summary.p95).epsilon(1e-15));
    CHECK(std::stod(c[14]) == doctest::Approx(k.frequency_final.summary.mean).epsilon(1e-15));
    CHECK(c[19] == input::month_iso(k.publication_month));
    CHECK(std::stod(c[21]) == doctest::Approx(k.p_binary_below).epsilon(1e-15));
  }
  CHECK(rows == t.cohorts.size());

  // A tracker file's projection is the file's: --seed and --replicates are refused (exit 2), nothing written.
  CHECK(shell(bin + " report " + h5.string() + " --seed 3 -q -o " + (dir / "x.html").string() + " 2>/dev/null") == 2);
  CHECK_FALSE(fs::exists(dir / "x.html"));
  std::error_code ec;
  fs::remove_all(dir, ec);
}
