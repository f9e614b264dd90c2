#pragma once
// A scenario back to TOML (the desktop app's Save): the same format the reader takes, so that a saved file runs
// unchanged with `yjsim run`. Every parameter is written out, interventions in full (no `use`).
#include <string>

#include "models/scenario.h"

namespace yjsim::input {

// Numbers are written in their shortest form that reads back as the same double ("0.04154", not 17 digits).
std::string scenario_to_toml(const models::Scenario& s);
// The same, keeping the comments of `original` (the file the scenario was read from): its opening comment block,
// and the comments above and beside each [section] key whose value is unchanged. Keys in [[variant]] and
// [[intervention]] arrays, and changed values, are written without comments.
std::string scenario_to_toml(const models::Scenario& s, const std::string& original);

}  // namespace yjsim::input
