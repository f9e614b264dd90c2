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
#include "models/simulation.h"
#include "report/board_pack.h"
#include "report/format.h"
#include "report/svg_chart.h"

namespace fs = std::filesystem;
using namespace yjsim;

namespace {
const std::string kScenario = std::string(YJSIM_SOURCE_DIR) + "/scenarios/calibration/bromley.toml";
constexpr int kReplicates = 6;

int shell(const std::string& cmd) {
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
std::string squeeze(const std::string& s) {  // whitespace runs to one space: PDF text wraps lines anywhere
  std::string o;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (space && (o.empty() || o.back() == ' ')) continue;
    o += space ? ' ' : c;
  }
  return o;
}
}  // namespace

TEST_CASE("board pack of a calibrated scenario: published figures on the charts and the funnel plot") {
  const fs::path dir = fs::temp_directory_path() / ("yjsim_published_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path html_path = dir / "b.html", pdf = dir / "b.pdf", xlsx = dir / "b.xlsx";
  REQUIRE(shell(std::string(YJSIM_BINARY) + " report " + kScenario + " --replicates " + std::to_string(kReplicates) +
                " -q -o " + html_path.string() + " --pdf " + pdf.string() + " --xlsx " + xlsx.string()) == 0);
  auto s = input::load_scenario(kScenario);
  for (auto& v : s.variants) v.params.run.replicates = kReplicates;
  auto r = models::run_scenario(s);
  const auto p = report::make_board_pack(std::move(s), std::move(r));
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
  const fs::path script = dir / "read.py", out = dir / "published.tsv";
  std::ofstream(script) << "import openpyxl,sys\n"
                           "wb=openpyxl.load_workbook(sys.argv[1],read_only=True)\n"
                           "o=open(sys.argv[2],'w')\n"
                           "for row in wb['Published figures'].iter_rows(values_only=True):\n"
                           "  o.write('\\t'.join('' if c is None else repr(c) if isinstance(c,float) else str(c) for c in row)+'\\n')\n";
  REQUIRE(shell("/usr/bin/python3 " + script.string() + " " + xlsx.string() + " " + out.string()) == 0);
  std::ifstream in(out);
  int rows = 0, funnel_rows = 0;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> c;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, '\t');) c.push_back(cell);
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
  std::error_code ec;
  fs::remove_all(dir, ec);
}
