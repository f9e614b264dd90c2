// The HDF5 file as outside tools read it (CONTRACT.md), read back with the HDF5 C API.
#include <doctest/doctest.h>
#include <hdf5.h>

#include <filesystem>
#include <string>
#include <vector>

#include "fixture.h"
#include "io/writers.h"
#include "report/tables.h"

using namespace yjsim::models;
using namespace yjsim::analysis;
using namespace yjsim::input;

namespace {
std::string string_attr(hid_t obj, const char* name) {
  hid_t a = H5Aopen(obj, name, H5P_DEFAULT);
  REQUIRE(a >= 0);
  hid_t t = H5Aget_type(a);
  char* value = nullptr;
  H5Aread(a, t, &value);
  std::string s = value ? value : "";
  H5free_memory(value);
  H5Tclose(t);
  H5Aclose(a);
  return s;
}

std::vector<double> read_matrix(hid_t file, const std::string& path, hsize_t& rows, hsize_t& cols) {
  hid_t d = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
  REQUIRE(d >= 0);
  hid_t sp = H5Dget_space(d);
  hsize_t dims[2];
  H5Sget_simple_extent_dims(sp, dims, nullptr);
  rows = dims[0];
  cols = dims[1];
  std::vector<double> v(rows * cols);
  H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
  H5Sclose(sp);
  H5Dclose(d);
  return v;
}
}  // namespace

TEST_CASE("the HDF5 file has the contract's layout and the run's values") {
  const std::string toml = "[run]\nreplicates = 3\nmonths = 24\n[[variant]]\nname = \"fewer_charges\"\n"
                           "description = \"d\"\n[variant.outcome]\nnone = [0.47, 0.31, 0.11, 0.10, 0.01]\n";
  const auto s = yjsim::test::scenario(toml);
  const auto r = run_scenario(s);
  const auto path = std::filesystem::temp_directory_path() / "yjsim_test_output.h5";
  yjsim::io::write_hdf5(r, {"test.toml", toml, ""}, path.string());
  hid_t f = H5Fopen(path.string().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  CHECK(string_attr(f, "format") == "yjsim-results");
  CHECK(string_attr(f, "scenario_toml") == toml);
  CHECK(string_attr(f, "start") == "2018-04");
  long long version = 0;
  hid_t a = H5Aopen(f, "format_version", H5P_DEFAULT);
  H5Aread(a, H5T_NATIVE_LLONG, &version);
  H5Aclose(a);
  CHECK(version == 1);
  for (const auto& def : kpi_table()) {
    hsize_t rows = 0, cols = 0;
    const auto v = read_matrix(f, std::string("/variants/baseline/kpi/") + def.name, rows, cols);
    CHECK(rows == 3);
    CHECK(cols == 8);
    const auto expected = r.values(0, kpi_index(def.name), 5, false);
    for (hsize_t i = 0; i < rows; ++i) {
      const double x = v[i * cols + 5], y = expected[i];
      CHECK(((std::isnan(x) && std::isnan(y)) || x == y));
    }
    const auto d = read_matrix(f, std::string("/variants/fewer_charges/diff/") + def.name, rows, cols);
    CHECK(rows == 3);
  }
  hsize_t rows = 0, cols = 0;
  read_matrix(f, "/variants/baseline/kpi/children_cautioned_or_sentenced_yearly", rows, cols);
  CHECK(cols == 2);
  CHECK(H5Lexists(f, "/variants/baseline/diff", H5P_DEFAULT) == 0);
  CHECK(H5Lexists(f, "/periods", H5P_DEFAULT) > 0);
  hid_t unit_holder = H5Dopen2(f, "/variants/baseline/kpi/fte_rate_per_100k", H5P_DEFAULT);
  CHECK(string_attr(unit_holder, "unit") == "per 100,000 aged 10-17");
  H5Dclose(unit_holder);
  H5Fclose(f);
  std::filesystem::remove(path);
}
