// The generated parts of the docs are what the program prints: docs/parameters.md is `yjsim params`, and the
// intervention field table in docs/interventions.md is the one the reader uses.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "models/interventions.h"
#include "models/parameters.h"

namespace {
std::string read(const std::string& rel) {
  std::ifstream in(std::string(YJSIM_SOURCE_DIR) + "/" + rel);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("docs/parameters.md holds `yjsim params` exactly") {
  const std::string doc = read("docs/parameters.md"), table = yjsim::models::parameter_table_markdown();
  INFO("regenerate the table with: ./build/apps/yjsim params");
  CHECK(doc.find(table) != std::string::npos);
}

TEST_CASE("docs/interventions.md holds the intervention field table exactly") {
  const std::string doc = read("docs/interventions.md"), table = yjsim::models::intervention_fields_markdown();
  INFO("regenerate the table with: ./build/apps/yjsim params --interventions");
  CHECK(doc.find(table) != std::string::npos);
}
