#include "input/cohort.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "sim/errors.h"

namespace yjsim::input {

namespace {

using sim::InputError;

constexpr std::array<const char*, 8> kDisposals = {"youth_caution", "youth_conditional_caution", "discharge", "fine",
                                                   "referral_order", "yro", "custody_release", "other_community"};
constexpr std::array<const char*, 7> kOutcomes = {"pending", "youth_caution", "youth_conditional_caution",
                                                  "adult_caution", "conviction", "nfa", "acquitted"};
// Headers that look like personal data (docs/tracker.md): refused so that they never enter a result file.
constexpr std::array<const char*, 9> kPersonal = {"name", "first_name", "surname", "address", "postcode",
                                                  "dob", "date_of_birth", "pnc", "nhs_number"};
constexpr std::array<const char*, 6> kChildColumns = {"child_id", "sex", "age_at_index", "index_date",
                                                      "index_disposal", "previous_offences"};
constexpr std::array<const char*, 5> kEventColumns = {"child_id", "offence_date", "offences", "outcome",
                                                      "outcome_date"};

template <std::size_t N>
std::string one_of(const std::array<const char*, N>& names) {
  std::string s;
  for (std::size_t i = 0; i < N; ++i) s += (i ? ", " : "") + std::string(names[i]);
  return s;
}

struct Row {
  long line;
  std::vector<std::string> fields;
};

// RFC 4180 records: fields may be quoted ("" inside quotes is a quote); CRLF or LF; a UTF-8 BOM is skipped.
std::vector<Row> split_csv(const std::string& text, const std::string& file) {
  std::vector<Row> rows;
  std::size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  long line = 1;
  while (i < text.size()) {
    Row row{line, {}};
    std::string field;
    bool quoted = false, was_quoted = false;
    for (;; ++i) {
      if (i >= text.size()) {
        if (quoted) throw InputError(file, row.line, "", "a quoted field that never ends", "a closing quote");
        row.fields.push_back(field);
        break;
      }
      const char c = text[i];
      if (quoted) {
        if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
        else if (c == '"') quoted = false;
        else { if (c == '\n') ++line; field += c; }
      } else if (c == '"' && field.empty() && !was_quoted) {
        quoted = was_quoted = true;
      } else if (c == ',') {
        row.fields.push_back(field);
        field.clear();
        was_quoted = false;
      } else if (c == '\n' || c == '\r') {
        row.fields.push_back(field);
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        ++i;
        ++line;
        break;
      } else {
        field += c;
      }
    }
    const bool blank = row.fields.size() == 1 && row.fields[0].empty();
    if (!blank) rows.push_back(std::move(row));
  }
  return rows;
}

struct Table {
  std::string file;
  std::vector<std::string> header;
  std::vector<Row> rows;
  std::map<std::string, std::size_t> column;  // required column -> index
  const std::string& at(const Row& r, const char* name) const { return r.fields[column.at(name)]; }
};

template <std::size_t N>
Table make_table(const std::string& text, const std::string& file, const std::array<const char*, N>& required) {
  Table t{file, {}, split_csv(text, file), {}};
  if (t.rows.empty()) throw InputError(file, 1, "", "an empty file", "a header row: " + one_of(required));
  t.header = t.rows.front().fields;
  t.rows.erase(t.rows.begin());
  std::set<std::string> seen;
  for (std::size_t k = 0; k < t.header.size(); ++k) {
    const std::string& h = t.header[k];
    const std::string col = "column " + std::to_string(k + 1);
    if (!seen.insert(h).second) throw InputError(file, 1, col, "'" + h + "' a second time", "each column once");
    if (std::find(kPersonal.begin(), kPersonal.end(), h) != kPersonal.end())
      throw InputError(file, 1, col, "'" + h + "', a column of personal data",
                       "pseudonymised extracts only: remove the column (personal data never enters yjsim)");
    if (h.rfind("x_", 0) == 0) continue;
    const auto it = std::find(required.begin(), required.end(), h);
    if (it == required.end())
      throw InputError(file, 1, col, "unknown column '" + h + "'", one_of(required) + ", or a name starting x_");
    t.column[h] = k;
  }
  for (const char* name : required)
    if (!t.column.count(name)) throw InputError(file, 1, "", "no column '" + std::string(name) + "'", "the columns " + one_of(required));
  for (const auto& r : t.rows)
    if (r.fields.size() != t.header.size())
      throw InputError(file, r.line, "", std::to_string(r.fields.size()) + " fields",
                       std::to_string(t.header.size()) + " fields, as in the header");
  return t;
}

[[noreturn]] void bad(const Table& t, const Row& r, const char* col, const std::string& found, const std::string& allowed) {
  throw InputError(t.file, r.line, std::string(col) + " (column " + std::to_string(t.column.at(col) + 1) + ")", found, allowed);
}

long integer(const Table& t, const Row& r, const char* col, long lo, long hi) {
  const std::string& s = t.at(r, col);
  long v = 0;
  const auto res = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || res.ec != std::errc() || res.ptr != s.data() + s.size() || v < lo || v > hi)
    bad(t, r, col, "'" + s + "'", "a whole number " + std::to_string(lo) + " to " + std::to_string(hi));
  return v;
}

Date date(const Table& t, const Row& r, const char* col) {
  const auto d = Date::parse(t.at(r, col));
  if (!d) bad(t, r, col, "'" + t.at(r, col) + "'", "a date YYYY-MM-DD");
  return *d;
}

template <std::size_t N>
std::size_t choice(const Table& t, const Row& r, const char* col, const std::array<const char*, N>& names) {
  const std::string& s = t.at(r, col);
  for (std::size_t i = 0; i < N; ++i)
    if (s == names[i]) return i;
  bad(t, r, col, "'" + s + "'", one_of(names));
}

std::string child_id(const Table& t, const Row& r) {
  const std::string& s = t.at(r, "child_id");
  if (s.empty() || s.size() > 64) bad(t, r, "child_id", "'" + s + "'", "a pseudonymous id of 1 to 64 characters");
  return s;
}

std::string quarter_of(const Date& d) { return std::to_string(d.year) + "-Q" + std::to_string((d.month - 1) / 3 + 1); }

std::vector<CohortChild> read_children(const Table& t, const Date& as_of) {
  std::vector<CohortChild> out;
  std::map<std::pair<std::string, std::string>, long> entries;  // (id, quarter) -> line
  for (const auto& r : t.rows) {
    CohortChild c;
    c.line = r.line;
    c.id = child_id(t, r);
    const std::string& sex = t.at(r, "sex");
    if (sex != "M" && sex != "F") bad(t, r, "sex", "'" + sex + "'", "M or F");
    c.girl = sex == "F";
    c.age_at_index = static_cast<int>(integer(t, r, "age_at_index", 10, 17));
    c.index_date = date(t, r, "index_date");
    if (c.index_date > as_of)
      bad(t, r, "index_date", c.index_date.iso() + ", after --as-of " + as_of.iso(), "a date on or before --as-of");
    c.disposal = static_cast<IndexDisposal>(choice(t, r, "index_disposal", kDisposals));
    c.previous_offences = integer(t, r, "previous_offences", 0, 100000);
    const auto key = std::make_pair(c.id, quarter_of(c.index_date));
    const auto [it, fresh] = entries.emplace(key, r.line);
    if (!fresh)
      bad(t, r, "child_id", "'" + c.id + "' in the " + key.second + " cohort again (first on line " + std::to_string(it->second) + ")",
          "one row per child and quarterly cohort (the quarter's first index event)");
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<CohortEvent> read_events(const Table& t, const Date& as_of, const std::vector<CohortChild>& children) {
  std::map<std::string, Date> first_index;
  for (const auto& c : children) {
    auto [it, fresh] = first_index.emplace(c.id, c.index_date);
    if (!fresh) it->second = std::min(it->second, c.index_date);
  }
  std::vector<CohortEvent> out;
  for (const auto& r : t.rows) {
    CohortEvent e;
    e.line = r.line;
    e.child_id = child_id(t, r);
    const auto child = first_index.find(e.child_id);
    if (child == first_index.end()) bad(t, r, "child_id", "'" + e.child_id + "', not in the children file", "a child_id of the children file");
    e.offence_date = date(t, r, "offence_date");
    if (e.offence_date < child->second)
      bad(t, r, "offence_date", e.offence_date.iso() + ", before the child's first index date " + child->second.iso(),
          "offences after an index event");
    if (e.offence_date > as_of) bad(t, r, "offence_date", e.offence_date.iso() + ", after --as-of " + as_of.iso(), "a date on or before --as-of");
    e.offences = integer(t, r, "offences", 1, 10000);
    e.outcome = static_cast<EventOutcome>(choice(t, r, "outcome", kOutcomes));
    const std::string& od = t.at(r, "outcome_date");
    if (e.outcome == EventOutcome::pending) {
      if (!od.empty()) bad(t, r, "outcome_date", "'" + od + "' for a pending case", "empty when outcome is pending");
    } else {
      if (od.empty()) bad(t, r, "outcome_date", "nothing for outcome " + std::string(name_of(e.outcome)), "the date of the outcome, YYYY-MM-DD");
      e.outcome_date = date(t, r, "outcome_date");
      if (*e.outcome_date < e.offence_date)
        bad(t, r, "outcome_date", e.outcome_date->iso() + ", before the offence date " + e.offence_date.iso(), "on or after offence_date");
      if (*e.outcome_date > as_of)
        bad(t, r, "outcome_date", e.outcome_date->iso() + ", after --as-of " + as_of.iso(), "a date on or before --as-of (a later outcome is still pending)");
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "a file that cannot be opened", "a readable CSV file");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::optional<Date> Date::parse(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  Date d{std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2))};
  if (d.year < 1900 || d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
  static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  if (d.day > days[static_cast<std::size_t>(d.month - 1)] + (d.month == 2 && leap ? 1 : 0)) return std::nullopt;
  return d;
}

std::string Date::iso() const {
  char b[48];
  std::snprintf(b, sizeof b, "%04d-%02d-%02d", year, month, day);
  return b;
}

std::string month_iso(long m) {
  char b[48];
  std::snprintf(b, sizeof b, "%04ld-%02ld", m / 12, m % 12 + 1);
  return b;
}

const char* name_of(IndexDisposal d) { return kDisposals[static_cast<std::size_t>(d)]; }
const char* name_of(EventOutcome o) { return kOutcomes[static_cast<std::size_t>(o)]; }
bool proves(EventOutcome o) {
  return o == EventOutcome::youth_caution || o == EventOutcome::youth_conditional_caution ||
         o == EventOutcome::adult_caution || o == EventOutcome::conviction;
}

CohortExtract parse_cohort(const std::string& children_text, const std::string& children_name,
                           const std::string& events_text, const std::string& events_name, const Date& as_of) {
  const Table ct = make_table(children_text, children_name, kChildColumns);
  const Table et = make_table(events_text, events_name, kEventColumns);
  CohortExtract x;
  x.as_of = as_of;
  x.children = read_children(ct, as_of);
  x.events = read_events(et, as_of, x.children);
  return x;
}

CohortExtract read_cohort(const std::string& children_path, const std::string& events_path, const Date& as_of) {
  return parse_cohort(read_text(children_path), children_path, read_text(events_path), events_path, as_of);
}

std::string children_csv(const CohortExtract& x) {
  std::string s = "child_id,sex,age_at_index,index_date,index_disposal,previous_offences\n";
  for (const auto& c : x.children)
    s += c.id + "," + (c.girl ? "F" : "M") + "," + std::to_string(c.age_at_index) + "," + c.index_date.iso() + "," +
         name_of(c.disposal) + "," + std::to_string(c.previous_offences) + "\n";
  return s;
}

std::string events_csv(const CohortExtract& x) {
  std::string s = "child_id,offence_date,offences,outcome,outcome_date\n";
  for (const auto& e : x.events)
    s += e.child_id + "," + e.offence_date.iso() + "," + std::to_string(e.offences) + "," + name_of(e.outcome) + "," +
         (e.outcome_date ? e.outcome_date->iso() : "") + "\n";
  return s;
}

}  // namespace yjsim::input
