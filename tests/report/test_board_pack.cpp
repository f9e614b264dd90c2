// The board pack as a board member gets it (docs/report.md): `yjsim report` from a scenario and from its results
// file give the same pack; the HTML references nothing outside itself; the figures in the HTML, in the PDF's text
// and in the XLSX (read back by openpyxl) are the library's; every PDF page has something on it.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
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

namespace fs = std::filesystem;
using namespace yjsim;
using yjsim::test::shell;
using yjsim::test::slurp;
using yjsim::test::squeeze;

namespace {
const std::string kScenario = std::string(YJSIM_SOURCE_DIR) + "/scenarios/tri_borough_mentoring.toml";
constexpr int kReplicates = 6;

struct Scratch {  // removed when the test process ends
  fs::path dir = fs::temp_directory_path() / ("yjsim_report_test_" + std::to_string(::getpid()));
  Scratch() { fs::create_directories(dir); }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};
fs::path scratch() {
  static const Scratch s;
  return s.dir;
}

// The pack made in this process from the same scenario and seed: the library's values.
const report::BoardPack& library_pack() {
  static const report::BoardPack p = [] {
    auto s = input::load_scenario(kScenario);
    for (auto& v : s.variants) v.params.run.replicates = kReplicates;
    auto r = models::run_scenario(s);
    return report::make_board_pack(std::move(s), std::move(r));
  }();
  return p;
}

// The CLI's outputs, made once: a scenario's pack (HTML, PDF, XLSX), its results file and the results file's pack.
struct Files {
  fs::path html, pdf, xlsx, h5, html_from_h5;
};
const Files& files() {
  static const Files f = [] {
    const fs::path d = scratch();
    Files x{d / "board.html", d / "board.pdf", d / "board.xlsx", d / "run.h5", d / "from_h5.html"};
    const std::string bin = YJSIM_BINARY, reps = " --replicates " + std::to_string(kReplicates);
    REQUIRE(shell(bin + " report " + kScenario + reps + " -q -o " + x.html.string() + " --pdf " + x.pdf.string() +
                  " --xlsx " + x.xlsx.string()) == 0);
    REQUIRE(shell(bin + " run " + kScenario + reps + " -q -o " + x.h5.string()) == 0);
    REQUIRE(shell(bin + " report " + x.h5.string() + " -q -o " + x.html_from_h5.string()) == 0);
    return x;
  }();
  return f;
}
}  // namespace

// One test case (its subcases share one process, so the CLI runs once): the pack made by yjsim report.
TEST_CASE("board pack: yjsim report from a scenario and from its results file") {
  SUBCASE("the report from a results file is the report from its scenario, and the library's") {
    const auto& f = files();
    const std::string html = slurp(f.html);
    REQUIRE(!html.empty());
    CHECK(html == slurp(f.html_from_h5));
    // The library makes the same page from the same scenario and seed (the scenario's path as the CLI was given it).
    auto p = library_pack();
    CHECK(report::board_html(p) == html);
  }

  SUBCASE("the HTML is self-contained (no scripts, nothing fetched)") {
    const std::string html = slurp(files().html);
    for (const char* banned : {"<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import", "https://"})
      CHECK_MESSAGE(html.find(banned) == std::string::npos, banned);
    // The only "http://" is the SVG namespace, an identifier that is never fetched.
    std::size_t at = 0;
    while ((at = html.find("http://", at)) != std::string::npos) {
      CHECK(html.compare(at, 26, "http://www.w3.org/2000/svg") == 0);
      ++at;
    }
    CHECK(html.find("@page { size: A4") != std::string::npos);
  }

  SUBCASE("the figures of page one are the library's, in the HTML and in the PDF's text") {
    const auto& p = library_pack();
    const std::string html = slurp(files().html);
    REQUIRE(shell("pdftotext " + files().pdf.string() + " " + (scratch() / "board.txt").string()) == 0);
    const std::string text = squeeze(slurp(scratch() / "board.txt"));
    const auto& d = p.summary.variants.at(0);
    for (const auto& fig : d.figures.back()) {
      for (const auto& cell : {report::format_value(fig.kpi, fig.baseline.mean), report::format_value(fig.kpi, fig.variant.mean),
                               report::difference_text(fig.kpi, fig.diff), report::board_verdict(fig)}) {
        CHECK_MESSAGE(html.find(report::xml_escape(cell)) != std::string::npos, cell);
        CHECK_MESSAGE(text.find(cell) != std::string::npos, cell);
      }
      const std::string sentence = fig.kpi == "cost_gbp" ? report::cost_sentence(fig, p.value[0], p.summary.periods.back().label)
                                                         : report::indicator_sentence(fig);
      CHECK_MESSAGE(text.find(squeeze(sentence)) != std::string::npos, sentence);
    }
    CHECK(text.find(squeeze(report::timing_sentence(d, p.results.calendar))) != std::string::npos);
    CHECK(text.find("too few children to tell") != std::string::npos);
  }

  SUBCASE("the page opened in headless Chromium logs no console message and its screenshot is not blank") {
    const fs::path shot = scratch() / "shot.png", log = scratch() / "chromium.log";
    REQUIRE(shell("chromium --headless --no-sandbox --disable-gpu --enable-logging=stderr --v=0 --user-data-dir=" +
                  (scratch() / "profile").string() + " --window-size=1240,1754 --screenshot=" + shot.string() + " file://" +
                  files().html.string() + " > " + log.string() + " 2>&1") == 0);
    CHECK(slurp(log).find(":CONSOLE") == std::string::npos);  // how Chromium logs a page's console messages
    // A blank page compresses to about 2 KB at this size; the pack's first screen is well over 100 KB.
    CHECK(fs::file_size(shot) > 20000);
  }

  SUBCASE("every PDF page has something on it") {
    const fs::path prefix = scratch() / "page";
    REQUIRE(shell("pdftoppm -r 20 -gray " + files().pdf.string() + " " + prefix.string()) == 0);
    int pages = 0;
    for (const auto& e : fs::directory_iterator(scratch())) {
      if (e.path().extension() != ".pgm") continue;
      ++pages;
      // Binary PGM: "P5\n<w> <h>\n255\n" then one byte a pixel.
      std::ifstream in(e.path(), std::ios::binary);
      std::string magic;
      long w = 0, h = 0, max = 0;
      in >> magic >> w >> h >> max;
      in.get();
      std::string px(static_cast<std::size_t>(w * h), '\0');
      in.read(px.data(), static_cast<std::streamsize>(px.size()));
      long dark = 0;
      for (unsigned char c : px) dark += c < 200;
      CHECK_MESSAGE(static_cast<double>(dark) > 0.005 * static_cast<double>(w * h), e.path().string());
    }
    CHECK(pages >= 5);
  }

  SUBCASE("the XLSX read back by openpyxl holds the library's figures") {
    const std::string html = slurp(files().html);
    const auto& p = library_pack();
    const fs::path out = scratch() / "by_year.tsv";
    const std::string py =
        "import openpyxl,sys\n"
        "wb=openpyxl.load_workbook(sys.argv[1],read_only=True)\n"
        "o=open(sys.argv[2],'w')\n"
        "for name in ['Summary','By year']:\n"
        "  for row in wb[name].iter_rows(values_only=True):\n"
        "    o.write(name+'\\t'+'\\t'.join('' if c is None else repr(c) if isinstance(c,float) else str(c) for c in row)+'\\n')\n";
    const fs::path script = scratch() / "read.py";
    std::ofstream(script) << py;
    REQUIRE(shell("/usr/bin/python3 " + script.string() + " " + files().xlsx.string() + " " + out.string()) == 0);
    std::ifstream in(out);
    std::string line;
    int numbers = 0, summary = 0;
    const auto& b = p.summary;
    while (std::getline(in, line)) {
      std::vector<std::string> c;
      std::stringstream ss(line);
      for (std::string cell; std::getline(ss, cell, '\t');) c.push_back(cell);
      if (c.size() < 9) continue;
      const auto& d = b.variants.at(0);
      std::size_t per = b.periods.size();
      for (std::size_t i = 0; i < b.periods.size(); ++i)
        if (b.periods[i].label == c[2]) per = i;
      if (per == b.periods.size()) continue;  // the header
      if (c[0] == "Summary") {
        for (const auto& f : d.figures[per])
          if (report::board_row_label(f.kpi) == c[3]) {
            CHECK(c[4] == report::format_value(f.kpi, f.baseline.mean));
            CHECK(html.find("<td>" + report::xml_escape(c[3]) + "</td>") != std::string::npos);
            CHECK(c[6] == report::difference_text(f.kpi, f.diff));
            CHECK(c[8] == report::board_verdict(f));
            ++summary;
          }
        continue;
      }
      for (const auto& f : d.figures[per])
        if (f.kpi == c[3]) {
          const double got[] = {std::stod(c[5]), std::stod(c[8]), std::stod(c[11]), std::stod(c[12]), std::stod(c[13])};
          const double want[] = {f.baseline.mean, f.variant.mean, f.diff.mean, f.diff.p5, f.diff.p95};
          for (int i = 0; i < 5; ++i) CHECK(got[i] == doctest::Approx(want[i]).epsilon(1e-12));
          ++numbers;
        }
    }
    CHECK(summary == static_cast<int>(b.periods.size() * b.indicators.size()));
    CHECK(numbers == static_cast<int>(b.periods.size() * b.indicators.size()));
  }

  SUBCASE("a results file with --seed is bad input (exit 2) and writes nothing") {
    const fs::path out = scratch() / "refused.html";
    CHECK(shell(std::string(YJSIM_BINARY) + " report " + files().h5.string() + " --seed 3 -q -o " + out.string() + " 2>/dev/null") == 2);
    CHECK(!fs::exists(out));
    CHECK(shell(std::string(YJSIM_BINARY) + " report " + kScenario + " -q -o " + scratch().string() + " 2>/dev/null") == 2);
  }

  SUBCASE("a results file its recorded scenario does not reproduce is refused (exit 2), naming what differs") {
    const fs::path edited = scratch() / "edited.h5", out = scratch() / "edited.html", err = scratch() / "edited.err";
    fs::copy_file(files().h5, edited, fs::copy_options::overwrite_existing);
    REQUIRE(shell("/usr/bin/python3 -c \"import h5py; f = h5py.File('" + edited.string() +
                  "', 'r+'); d = f['variants/baseline/kpi/custodial_sentences']; d[2, 3] = d[2, 3] + 1; f.close()\"") == 0);
    CHECK(shell(std::string(YJSIM_BINARY) + " report " + edited.string() + " -q -o " + out.string() + " 2>" + err.string()) == 2);
    CHECK(!fs::exists(out));
    CHECK(slurp(err).find("/variants/baseline/kpi/custodial_sentences replicate 2 period 3") != std::string::npos);
  }
}
