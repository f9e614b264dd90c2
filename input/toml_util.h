#pragma once
// What every TOML reader of input/ shares: parsing with a located error, the line of a node, a short description
// of a value for messages, and reading a text file.
#include <string>
#include <string_view>
#include <toml++/toml.h>

namespace yjsim::input {

long line_of(const toml::node& n);
std::string describe(const toml::node& n);  // "\"text\"", "an array of 3", "a table", "1.5", ...
std::string fmt(double x);                  // shortest readable form, as in messages
// Throws sim::InputError(file, line, "", "malformed TOML (...)", "TOML 1.0 syntax").
toml::table parse_toml(std::string_view text, const std::string& file);
// The whole of a file; throws sim::InputError naming `what` when it cannot be read.
std::string read_text_file(const std::string& path, const std::string& what);

}  // namespace yjsim::input
