#pragma once
// What every TOML reader of input/ shares: parsing with a located error, the line of a node, a short description
// of a value for messages, reading a text file, and writing TOML that reads back identically.
#include <cstddef>
#include <string>
#include <string_view>
#include <toml++/toml.h>

namespace yjsim::input {

long line_of(const toml::node& n);
std::string describe(const toml::node& n);  // "\"text\"", "an array of 3", "a table", "1.5", ...
std::string fmt(double x);                  // shortest readable form, as in messages
// Throws sim::InputError(file, line, "", "malformed TOML (...)", "TOML 1.0 syntax").
toml::table parse_toml(std::string_view text, const std::string& file);

// Inputs are regular files of at most this size (a FIFO, a device or a directory is refused, never read).
inline constexpr std::size_t kMaxInputBytes = std::size_t{64} << 20;  // 64 MiB
// The whole of a regular file of at most kMaxInputBytes; throws sim::InputError(path, found: why, allowed:
// `what`) for a missing or unreadable file, a directory, a FIFO, a device, a socket or a file too large.
std::string read_text_file(const std::string& path, const std::string& what);
// The same without throwing: false and `problem` ("a directory", "no such file", ...) when it cannot be read.
bool try_read_text_file(const std::string& path, std::string& text, std::string& problem);

// A table as TOML that reads back identically: every string a basic string with escapes (toml++ 3.3 writes a
// string holding a newline and three single quotes as a literal string that it cannot read back).
std::string to_toml(const toml::table& t);

}  // namespace yjsim::input
