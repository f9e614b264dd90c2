// `yjsim track` as a user meets it: bad extracts exit 2 naming file, line and column, and write nothing; a good one
// writes projection.csv with exactly the documented columns and no child ids.
#include <doctest/doctest.h>
#include <hdf5.h>
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

fs::path scratch_dir() {
  static const fs::path dir = [] {
    const fs::path d = fs::temp_directory_path() / ("yjsim_track_test_" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

Outcome yjsim(const std::string& args) {
  static int calls = 0;
  const fs::path out = scratch_dir() / ("out_" + std::to_string(++calls) + ".txt");
  const int status = std::system((std::string(YJSIM_BINARY) + " " + args + " > " + out.string() + " 2>&1").c_str());
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  fs::remove(out);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text.str()};
}

std::string write(const std::string& name, const std::string& text) {
  const auto p = scratch_dir() / name;
  std::ofstream(p) << text;
  return p.string();
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kChildren =
    "child_id,sex,age_at_index,index_date,index_disposal,previous_offences\n"
    "K1,M,15,2019-04-10,youth_caution,0\n"
    "K2,F,16,2019-05-02,referral_order,3\n";
const std::string kEvents =
    "child_id,offence_date,offences,outcome,outcome_date\n"
    "K1,2019-06-01,2,conviction,2019-09-01\n"
    "K2,2019-07-01,1,pending,\n";
}  // namespace

TEST_CASE("yjsim track - a bad extract exits 2 with file, line and column and writes nothing") {
  const auto children = write("children.csv", kChildren);
  const auto bad_events = write("bad_events.csv", kEvents + "K1,2019-13-01,1,pending,\n");
  const auto out = scratch_dir() / "t.h5";
  const auto csv = scratch_dir() / "csv";
  const auto r = yjsim("track " + children + " " + bad_events + " --as-of 2019-12-31 -o " + out.string() + " --csv " +
                       csv.string() + " --reference-replicates 2 --draws 20");
  CHECK(r.code == 2);
  CHECK(r.output.find("bad_events.csv:4: 'offence_date (column 2)': found '2019-13-01'") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  CHECK_FALSE(fs::exists(csv / "projection.csv"));
  const auto personal = write("personal.csv", "child_id,sex,age_at_index,index_date,index_disposal,previous_offences,dob\n");
  const auto p = yjsim("track " + personal + " " + write("events.csv", kEvents) + " --as-of 2019-12-31 -o " + out.string());
  CHECK(p.code == 2);
  CHECK(p.output.find("personal.csv:1: 'column 7': found 'dob', a column of personal data") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  CHECK(yjsim("track " + children + " " + write("events.csv", kEvents) + " --as-of 2019-31-12").code == 2);
}

TEST_CASE("yjsim track - projection.csv has the documented columns, one row per cohort, and no child ids") {
  const auto children = write("children.csv", kChildren);
  const auto events = write("events.csv", kEvents);
  const auto out = scratch_dir() / "good.h5";
  const auto csv = scratch_dir() / "good_csv";
  const auto r = yjsim("track " + children + " " + events + " --as-of 2019-12-31 -o " + out.string() + " --csv " +
                       csv.string() + " --reference-replicates 2 --draws 50 --target-binary 0.4 -q");
  REQUIRE(r.code == 0);
  const std::string text = slurp(csv / "projection.csv");
  CHECK(text.rfind("cohort,cohort_size,reoffenders_to_date,reoffences_to_date,binary_mean,binary_p05,binary_p50,"
                   "binary_p95,frequency_mean,frequency_p05,frequency_p50,frequency_p95,complete_month\n2019-Q2,2,1,2,",
                   0) == 0);
  CHECK(text.find(",2020-12\n") != std::string::npos);
  CHECK(text.find("K1") == std::string::npos);
  CHECK(slurp(out).find("K1") == std::string::npos);
  // The /track group of docs/hdf5.md: one cohort, 50 draws.
  const hid_t f = H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  const hid_t g = H5Gopen2(f, "track", H5P_DEFAULT);
  CHECK(H5Aexists(g, "as_of") > 0);
  CHECK(H5Aexists(g, "cohorts") > 0);
  for (const char* name : {"binary_mean", "binary_p05", "frequency_p95", "cohort_size", "p_binary_below_target"})
    CHECK_MESSAGE(H5Lexists(g, name, H5P_DEFAULT) > 0, name);
  CHECK(H5Lexists(g, "children", H5P_DEFAULT) == 0);  // no per-child group without --per-child
  const hid_t d = H5Dopen2(g, "binary_draws", H5P_DEFAULT);
  const hid_t space = H5Dget_space(d);
  hsize_t dims[2] = {0, 0};
  CHECK(H5Sget_simple_extent_dims(space, dims, nullptr) == 2);
  CHECK(dims[0] == 1);
  CHECK(dims[1] == 50);
  H5Sclose(space);
  H5Dclose(d);
  H5Gclose(g);
  H5Fclose(f);
}
