#include "input/toml_util.h"

#include <fstream>
#include <sstream>

#include "sim/errors.h"

namespace yjsim::input {

long line_of(const toml::node& n) { return static_cast<long>(n.source().begin.line); }

std::string describe(const toml::node& n) {
  std::ostringstream s;
  if (n.is_string()) s << '"' << n.as_string()->get() << '"';
  else if (n.is_array()) s << "an array of " << n.as_array()->size();
  else if (n.is_table()) s << "a table";
  else if (n.is_boolean()) s << (n.as_boolean()->get() ? "true" : "false");
  else if (auto v = n.value<double>()) s << *v;
  else s << "a value of another type";
  return s.str();
}

std::string fmt(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

toml::table parse_toml(std::string_view text, const std::string& file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw sim::InputError(file, static_cast<long>(e.source().begin.line), "",
                          "malformed TOML (" + std::string(e.description()) + ")", "TOML 1.0 syntax");
  }
}

std::string read_text_file(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw sim::InputError(path, 0, "", "no readable file", what);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace yjsim::input
