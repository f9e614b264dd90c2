#pragma once
// An XLSX workbook by libxlsxwriter, for the board pack and the tracker pack: sheets of a bold header row and then
// text and number cells (an undefined figure is an empty cell), with fixed document properties so that the same
// figures give the same workbook; its bytes read back for the caller's atomic output.
#include <xlsxwriter.h>

#include <string>
#include <vector>

namespace yjsim::report {

class XlsxSheet {
 public:
  XlsxSheet(lxw_workbook* wb, const char* name, lxw_format* bold);
  void header(const std::vector<std::string>& cells);  // the first row, bold, frozen
  XlsxSheet& text(const std::string& s);
  XlsxSheet& number(double x);  // NaN or infinite: an empty cell, never a made-up zero
  void end_row();

 private:
  lxw_worksheet* ws_;
  lxw_format* bold_;
  lxw_row_t row_ = 0;
  lxw_col_t col_ = 0;
};

class XlsxBook {
 public:
  explicit XlsxBook(const char* title);  // throws sim::IoError
  ~XlsxBook();
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;
  XlsxSheet sheet(const char* name);
  std::string bytes();  // closes the workbook; throws sim::IoError

 private:
  std::string path_;
  lxw_workbook* wb_ = nullptr;
  lxw_format* bold_ = nullptr;
};

}  // namespace yjsim::report
