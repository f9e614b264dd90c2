#pragma once
// Scenario files (docs/parameters.md, docs/interventions.md) into descriptions. Every error names the file, line
// and field, what was found and what is allowed (sim::InputError).
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario.h"

namespace yjsim::input {

models::Scenario parse_scenario(std::string_view text, const std::string& file);
models::Scenario load_scenario(const std::string& path);
// A catalogue file ([[intervention]] templates), as a scenario's `catalogue = "..."` would load it.
std::vector<models::Intervention> load_catalogue(const std::string& path);

std::string toml_version();  // of the TOML library, for the provenance of result files

}  // namespace yjsim::input
