// The command line as a user meets it: exit codes, messages, and no partial output (CONTRACT.md).
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {
struct Outcome {
  int code;
  std::string output;
};

Outcome shell(const std::string& command) {
  // One output file per process and call: ctest runs test cases in parallel processes.
  static int calls = 0;
  const fs::path out = fs::temp_directory_path() /
                       ("yjsim_cli_out_" + std::to_string(::getpid()) + "_" + std::to_string(++calls) + ".txt");
  const std::string cmd = command + " > " + out.string() + " 2>&1";
  const int status = std::system(cmd.c_str());
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  fs::remove(out);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text.str()};
}

Outcome sh(const std::string& args) { return shell(std::string(YJSIM_BINARY) + " " + args); }

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("yjsim_cli_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

fs::path write(const std::string& name, const std::string& text) {
  const auto p = scratch(name);
  std::ofstream(p) << text;
  return p;
}

bool leftovers(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().string().find(".tmp") != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("version and help exit 0 - a bad flag exits 2") {
  CHECK(sh("--version").code == 0);
  CHECK(sh("--version").output.find("yjsim") != std::string::npos);
  CHECK(sh("--help").code == 0);
  CHECK(sh("run --help").code == 0);
  CHECK(sh("run --no-such-flag x.toml").code == 2);
  CHECK(sh("").code == 2);
}

TEST_CASE("bad scenarios exit 2 with file, line and field, and write nothing") {
  const auto out = scratch("bad.h5");
  fs::remove(out);
  const auto unknown = write("unknown.toml", "[run]\nmonths = 12\n[offending]\nbase_rat = 1\n");
  auto r = sh("run " + unknown.string() + " -o " + out.string());
  CHECK(r.code == 2);
  CHECK(r.output.find("unknown.toml:4") != std::string::npos);
  CHECK(r.output.find("offending.base_rat") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  const auto malformed = write("malformed.toml", "[run\nmonths = 12\n");
  CHECK(sh("check " + malformed.string()).code == 2);
  const auto range = write("range.toml", "[court]\nacquittal = -0.1\n");
  r = sh("check " + range.string());
  CHECK(r.code == 2);
  CHECK(r.output.find("court.acquittal") != std::string::npos);
  CHECK(r.output.find("0 .. 1") != std::string::npos);
  r = sh("run /no/such/scenario.toml -o " + out.string());
  CHECK(r.code == 2);
  CHECK(r.output.find("/no/such/scenario.toml") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("an unwritable output path exits 1 and leaves nothing") {
  const auto blocker = write("a_file", "not a folder");
  const auto ok = write("ok.toml", "[run]\nmonths = 12\nreplicates = 2\n");
  const auto r = sh("run -q " + ok.string() + " -o " + (blocker / "out.h5").string());
  CHECK(r.code == 1);
  CHECK(r.output.find("cannot write") != std::string::npos);
}

TEST_CASE("a run writes the HDF5 file and CSVs, and no temporary file is left") {
  const auto ok = write("ok.toml", "[run]\nmonths = 12\nreplicates = 3\n");
  const auto out = scratch("ok.h5");
  const auto csv = scratch("csv");
  fs::remove(out);
  const auto r = sh("run " + ok.string() + " -o " + out.string() + " --csv " + csv.string() + " --threads 2 --breakdowns");
  CHECK(r.code == 0);
  CHECK(r.output.find("fte_rate_per_100k") != std::string::npos);
  CHECK(r.output.find("custody_release") != std::string::npos);  // the breakdowns table
  CHECK(r.output.find("reoffences by follow-up month") != std::string::npos);
  CHECK(fs::exists(out));
  CHECK(fs::exists(csv / "kpi_by_quarter.csv"));
  CHECK(fs::exists(csv / "kpi_by_year.csv"));
  CHECK(fs::exists(csv / "breakdowns_by_quarter.csv"));
  CHECK(fs::exists(csv / "breakdowns_by_year.csv"));
  CHECK_FALSE(leftovers(out.parent_path()));
  CHECK(sh("check " + ok.string()).code == 0);
  for (const char* f : {"default.toml", "tri_borough_mentoring.toml", "sweeps/mentoring_sensitivity.toml"})
    CHECK(sh(std::string("check ") + YJSIM_SOURCE_DIR + "/scenarios/" + f).code == 0);
}

TEST_CASE("Ctrl-C stops a run with exit 130 and no output file") {
  const auto big = write("big.toml", "[run]\nreplicates = 400\n[population]\nsize_10_17 = 200000\n");
  const auto out = scratch("interrupted.h5");
  fs::remove(out);
  const auto r = shell("timeout --preserve-status -s INT 1 " + std::string(YJSIM_BINARY) + " run -q " + big.string() +
                       " -o " + out.string());
  CHECK(r.code == 130);
  CHECK_FALSE(fs::exists(out));
  CHECK_FALSE(leftovers(out.parent_path()));
}
