#pragma once
// A scenario: the frozen description of a run (docs/model.md, docs/interventions.md), however it was made (a file,
// the desktop app, a sweep point). Variant 0 is always the baseline; each variant is the baseline with its
// changes applied.
#include <string>
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


}  // namespace yjsim::models
