// A sweep's HDF5 file holds each point's values as a run gives them.
#include <doctest/doctest.h>
#include <hdf5.h>

#include <cmath>
#include <filesystem>
#include <vector>

#include "fixture.h"
#include "io/sweep_output.h"

using namespace yjsim::models;
using namespace yjsim::analysis;
using namespace yjsim::input;
namespace fs = std::filesystem;
using yjsim::test::same_bits;

TEST_CASE("the sweep file holds each point's values as a run gives them") {
  const Sweep s = yjsim::test::grid_sweep();
  const std::string out = (fs::temp_directory_path() / "yjsim_test_sweep.h5").string();
  fs::remove_all(yjsim::io::parts_dir(out));
  for (std::size_t p = 0; p < s.points.size(); ++p)
    yjsim::io::write_point(out, s, p, yjsim::io::flatten(run_scenario(scenario_at(s, p))));
  CHECK(yjsim::io::read_point(out, s, 2).has_value());
  const auto points = yjsim::io::load_points(out, s);
  yjsim::io::write_sweep_hdf5(out, s, points, sweep_sensitivity(s, points));
  hid_t f = H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  hid_t d = H5Dopen2(f, "/sweep/variants/fewer_charges/diff/fte_count", H5P_DEFAULT);
  REQUIRE(d >= 0);
  std::vector<double> v(4 * 3 * 4);
  H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
  H5Dclose(d);
  H5Fclose(f);
  const auto r = run_scenario(scenario_at(s, 3));
  const auto diffs = r.diffs(1, kpi_index("fte_count"), 2, false);
  for (std::size_t rep = 0; rep < 3; ++rep) CHECK(v[3 * 12 + rep * 4 + 2] == diffs[rep]);
  fs::remove(out);
  fs::remove_all(yjsim::io::parts_dir(out));
}

