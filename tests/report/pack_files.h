// What the board and tracker pack tests share: running a command, reading a file whole, PDF text with its
// whitespace runs squeezed (pdftotext wraps lines anywhere), and a workbook's sheet read back with openpyxl.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace yjsim::test {

// The command's exit status, or -1 if it did not exit normally.
inline int shell(const std::string& cmd) {
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Whitespace runs to one space: PDF text wraps lines anywhere.
inline std::string squeeze(const std::string& s) {
  std::string o;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (space && (o.empty() || o.back() == ' ')) continue;
    o += space ? ' ' : c;
  }
  return o;
}

// A sheet of the workbook as rows of cells (floats written with repr, so they read back exactly).
inline std::vector<std::vector<std::string>> sheet(const std::filesystem::path& xlsx, const std::string& name,
                                                     const std::filesystem::path& dir) {
  const std::filesystem::path script = dir / "sheet.py", out = dir / "sheet.tsv";
  std::ofstream(script) << "import openpyxl,sys\n"
                           "wb=openpyxl.load_workbook(sys.argv[1],read_only=True)\n"
                           "o=open(sys.argv[3],'w')\n"
                           "for row in wb[sys.argv[2]].iter_rows(values_only=True):\n"
                           "  o.write('\\t'.join('' if c is None else repr(c) if isinstance(c,float) else str(c) for c in row)+'\\n')\n";
  REQUIRE(shell("/usr/bin/python3 " + script.string() + " " + xlsx.string() + " '" + name + "' " + out.string()) == 0);
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(out);
  for (std::string line; std::getline(in, line);) {
    rows.emplace_back();
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, '\t');) rows.back().push_back(cell);
  }
  return rows;
}

}  // namespace yjsim::test
