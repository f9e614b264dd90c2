#pragma once
// A scenario back to TOML (the desktop app's Save): the same format the reader takes, so that a saved file runs
// unchanged with `yjsim run`. Every parameter is written out, interventions in full (no `use`).
#include <string>

#include "models/scenario.h"

namespace yjsim::input {

std::string scenario_to_toml(const models::Scenario& s);

}  // namespace yjsim::input
