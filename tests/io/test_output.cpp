// The HDF5 file as outside tools read it (CONTRACT.md), read back with the HDF5 C API.
#include <doctest/doctest.h>
#include <hdf5.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "fixture.h"
#include "io/hdf5_util.h"
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
  CHECK(version == 2);  // 2: breakdowns
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
  // Breakdowns: [replicates x periods x categories], labels in order, summing to the KPI.
  for (const auto& b : breakdown_table())
    for (std::size_t j = 0; j < b.kpis.size(); ++j) {
      const std::string at = std::string("/variants/fewer_charges/breakdown/") + b.dimension + "/" + b.kpis[j];
      hid_t d = H5Dopen2(f, at.c_str(), H5P_DEFAULT);
      REQUIRE(d >= 0);
      hid_t sp = H5Dget_space(d);
      hsize_t dims[3] = {0, 0, 0};
      CHECK(H5Sget_simple_extent_ndims(sp) == 3);
      H5Sget_simple_extent_dims(sp, dims, nullptr);
      CHECK(dims[0] == 3);
      CHECK(dims[1] == 8);
      CHECK(dims[2] == b.categories.size());
      std::vector<double> v(dims[0] * dims[1] * dims[2]);
      H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
      const auto total = r.values(1, kpi_index(b.kpis[j]), 5, false);
      for (hsize_t rep = 0; rep < 3; ++rep) {
        double sum = 0;
        for (hsize_t c = 0; c < dims[2]; ++c) sum += v[(rep * dims[1] + 5) * dims[2] + c];
        CHECK(sum == total[rep]);
      }
      hid_t a2 = H5Aopen(d, "categories", H5P_DEFAULT);
      hid_t t2 = H5Aget_type(a2);
      std::vector<char*> labels(b.categories.size());
      H5Aread(a2, t2, labels.data());
      for (std::size_t c = 0; c < labels.size(); ++c) CHECK(std::string(labels[c]) == b.categories[c]);
      for (char* l : labels) H5free_memory(l);
      H5Tclose(t2);
      H5Aclose(a2);
      H5Sclose(sp);
      H5Dclose(d);
    }
  H5Fclose(f);
  std::filesystem::remove(path);
}

TEST_CASE("large datasets: chunks deflated in parallel (LaterChunks) read back as written, with the deflate filter") {
  const auto path = std::filesystem::temp_directory_path() / "yjsim_test_later_chunks.h5";
  const std::vector<hsize_t> dims = {7, 30, 41};  // 8610 values: large (>= 4096), an odd shape
  std::vector<double> values(7 * 30 * 41);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = i % 97 == 0 ? std::nan("") : 0.25 * static_cast<double>(i % 1013) - 3;
  hid_t f = H5Fcreate(path.string().c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  REQUIRE(f >= 0);
  {
    yjsim::io::h5::LaterChunks later;
    for (int k = 0; k < 5; ++k)
      yjsim::io::h5::dataset(f, "large" + std::to_string(k), std::vector<double>(values), dims, "u", "d", later);
    yjsim::io::h5::dataset(f, "small", std::vector<double>{1, 2, 3}, {3}, "u", "d", later);  // written at once
    hid_t d = H5Dopen2(f, "large3", H5P_DEFAULT);  // attributes may be added before the chunks are written
    yjsim::io::h5::attr_string(d, "extra", "x");
    H5Dclose(d);
    later.write();
  }
  H5Fclose(f);
  f = H5Fopen(path.string().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  for (int k = 0; k < 5; ++k) {
    hid_t d = H5Dopen2(f, ("large" + std::to_string(k)).c_str(), H5P_DEFAULT);
    REQUIRE(d >= 0);
    std::vector<double> back(values.size(), -1);
    CHECK(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, back.data()) >= 0);
    bool same = true;
    for (std::size_t i = 0; i < values.size(); ++i)
      same &= (std::isnan(values[i]) && std::isnan(back[i])) || values[i] == back[i];
    CHECK(same);
    hid_t props = H5Dget_create_plist(d);
    unsigned flags = 0, config = 0;
    std::size_t nvalues = 1;
    unsigned level = 0;
    char name[32];
    CHECK(H5Pget_nfilters(props) == 1);
    CHECK(H5Pget_filter2(props, 0, &flags, &nvalues, &level, sizeof name, name, &config) == H5Z_FILTER_DEFLATE);
    CHECK(H5Dget_storage_size(d) < values.size() * sizeof(double));  // stored deflated
    CHECK(string_attr(d, "unit") == "u");
    H5Pclose(props);
    H5Dclose(d);
  }
  hid_t d = H5Dopen2(f, "large3", H5P_DEFAULT);
  CHECK(string_attr(d, "extra") == "x");
  H5Dclose(d);
  d = H5Dopen2(f, "small", H5P_DEFAULT);
  double small[3] = {0, 0, 0};
  H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, small);
  CHECK((small[0] == 1 && small[1] == 2 && small[2] == 3));
  H5Dclose(d);
  H5Fclose(f);
  std::filesystem::remove(path);
}
