#pragma once
// Monthly calendar: months are integers counted from the first month of the horizon (month 0); negative months
// are the burn-in. Reported periods are consecutive 3-month blocks labelled by the calendar quarter of their first
// month; reported years are consecutive 12-month blocks.
#include <optional>
#include <string>

namespace yjsim::sim {

struct YearMonth {
  int year = 2018;
  int month = 4;  // 1..12

  static std::optional<YearMonth> parse(const std::string& text);  // "YYYY-MM"
  YearMonth plus(long months) const;
  std::string iso() const;            // "2018-04"
  std::string quarter_label() const;  // "2018-Q2": the calendar quarter this month falls in
  bool operator==(const YearMonth&) const = default;
};

// Months from a to b (negative when b is earlier).
inline long months_between(const YearMonth& a, const YearMonth& b) { return (b.year - a.year) * 12L + (b.month - a.month); }

struct Period {
  long first_month;  // months from the horizon start
  long last_month;   // inclusive
  std::string label;
};

class Calendar {
 public:
  Calendar(YearMonth start, long horizon_months) : start_(start), months_(horizon_months) {}
  long months() const { return months_; }
  long periods() const { return (months_ + 2) / 3; }
  long years() const { return (months_ + 11) / 12; }
  long period_of(long month) const { return month / 3; }  // month in [0, months)
  long year_of(long month) const { return month / 12; }
  Period period(long p) const;
  YearMonth at(long month) const { return start_.plus(month); }
  YearMonth start() const { return start_; }

 private:
  YearMonth start_;
  long months_;
};

}  // namespace yjsim::sim
