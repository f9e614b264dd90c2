#include "report/xlsx_book.h"

#include <unistd.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "sim/errors.h"

namespace yjsim::report {

XlsxSheet::XlsxSheet(lxw_workbook* wb, const char* name, lxw_format* bold) : ws_(workbook_add_worksheet(wb, name)), bold_(bold) {
  if (!ws_) throw sim::IoError(std::string("XLSX: cannot add the sheet ") + name);
}

void XlsxSheet::header(const std::vector<std::string>& cells) {
  for (std::size_t c = 0; c < cells.size(); ++c) {
    worksheet_write_string(ws_, row_, static_cast<lxw_col_t>(c), cells[c].c_str(), bold_);
    worksheet_set_column(ws_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c == 0 ? 34 : 18, nullptr);
  }
  worksheet_freeze_panes(ws_, row_ + 1, 0);
  ++row_;
}

XlsxSheet& XlsxSheet::text(const std::string& s) {
  worksheet_write_string(ws_, row_, col_++, s.c_str(), nullptr);
  return *this;
}

XlsxSheet& XlsxSheet::number(double x) {
  if (std::isfinite(x)) worksheet_write_number(ws_, row_, col_, x, nullptr);
  ++col_;
  return *this;
}

void XlsxSheet::end_row() {
  ++row_;
  col_ = 0;
}

XlsxBook::XlsxBook(const char* title) {
  // libxlsxwriter writes to a file name: a private temporary file, read back by bytes().
  char tmpl[] = "/tmp/yjsim-xlsx-XXXXXX";
  const int fd = ::mkstemp(tmpl);
  if (fd < 0) throw sim::IoError("XLSX: cannot make a temporary file in /tmp");
  ::close(fd);
  path_ = tmpl;
  lxw_workbook_options opt{};
  opt.constant_memory = LXW_FALSE;
  opt.tmpdir = nullptr;
  wb_ = workbook_new_opt(path_.c_str(), &opt);
  if (!wb_) {
    ::unlink(path_.c_str());
    throw sim::IoError("XLSX: cannot start a workbook");
  }
  // Fixed document properties: the same results give the same workbook contents (no time of creation).
  lxw_doc_properties props{};
  props.title = const_cast<char*>(title);  // libxlsxwriter copies it; its struct is not const-correct
  props.created = 946684800;               // 2000-01-01T00:00:00Z
  workbook_set_properties(wb_, &props);
  bold_ = workbook_add_format(wb_);
  format_set_bold(bold_);
  format_set_text_wrap(bold_);
}

XlsxBook::~XlsxBook() {
  if (wb_) workbook_close(wb_);
  ::unlink(path_.c_str());
}

XlsxSheet XlsxBook::sheet(const char* name) { return XlsxSheet(wb_, name, bold_); }

std::string XlsxBook::bytes() {
  const lxw_error err = workbook_close(wb_);
  wb_ = nullptr;
  std::ifstream in(path_, std::ios::binary);
  std::stringstream b;
  b << in.rdbuf();
  ::unlink(path_.c_str());
  if (err != LXW_NO_ERROR) throw sim::IoError(std::string("XLSX: ") + lxw_strerror(err));
  return b.str();
}

}  // namespace yjsim::report
