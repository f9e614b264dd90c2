#pragma once
// A scenario file (CONTRACT.md): described in TOML, validated once, then frozen into immutable parameter sets.
// Variant 0 is always the baseline; each [[variant]] is the baseline with its changes applied.
#include <string>
#include <string_view>
#include <vector>

#include "models/interventions.h"
#include "models/parameters.h"

namespace yjsim::models {

struct Variant {
  std::string name;
  std::string description;
  Params params;
  std::vector<Intervention> interventions;  // commissioned in this variant (the baseline's, changed)
};

struct Scenario {
  std::string file;               // path as given
  std::string text;               // the full text that was read
  std::vector<Variant> variants;  // baseline first
  std::vector<Intervention> catalogue;  // templates from the file's `catalogue` (for `use`, and for front ends)
  const Params& baseline() const { return variants.front().params; }
};

// Throws sim::InputError naming file, line, field, what was found and what is allowed.
Scenario parse_scenario(std::string_view text, const std::string& file);
Scenario load_scenario(const std::string& path);
// A catalogue file ([[intervention]] templates), as a scenario's `catalogue = "..."` would load it.
std::vector<Intervention> load_catalogue(const std::string& path);

}  // namespace yjsim::models
