#include "gui/file_dialog.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>

namespace yjsim::gui {

namespace fs = std::filesystem;

void FileDialog::open(const std::string& title, Mode mode, const std::string& extension,
                      const std::string& initial) {
  title_ = title;
  mode_ = mode;
  extension_ = extension;
  path_ = initial;
  error_.clear();
  want_open_ = true;
  focus_path_ = true;
  list(folder_of(path_));
}

std::string FileDialog::folder_of(const std::string& path) const {
  std::error_code ec;
  if (path.empty()) return fs::current_path(ec).string();
  if (fs::is_directory(path, ec)) return path;
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? fs::current_path(ec).string() : parent.string();
}

void FileDialog::list(const std::string& folder) {
  listed_ = folder;
  listed_time_ = ImGui::GetCurrentContext() ? ImGui::GetTime() : -1e9;
  entries_.clear();
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    const bool dir = it->is_directory(ec);
    if (!dir && (mode_ == Mode::Folder || (!extension_.empty() && it->path().extension() != extension_)))
      continue;
    entries_.emplace_back(name, dir);
  }
  std::sort(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second : a.first < b.first;  // folders first
  });
}

bool FileDialog::accept(std::string& chosen) {
  std::error_code ec;
  if (path_.empty()) {
    error_ = "type a path or pick a file";
    return false;
  }
  if (mode_ == Mode::Open && !fs::is_regular_file(path_, ec)) {
    error_ = "no file " + path_;
    return false;
  }
  if (mode_ == Mode::Save && fs::is_directory(path_, ec)) {
    error_ = path_ + " is a folder: add a file name";
    return false;
  }
  if (mode_ == Mode::Save && !extension_.empty() && fs::path(path_).extension() != extension_)
    path_ += extension_;
  chosen = path_;
  return true;
}

std::optional<std::string> FileDialog::draw(UiRegistry& ui) {
  if (want_open_) {
    ImGui::OpenPopup(title_.c_str());
    want_open_ = false;
    open_ = true;
  }
  if (!open_) return std::nullopt;
  std::optional<std::string> result;
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowSize({em * 40, em * 28}, ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(title_.c_str(), &open_)) {
    open_ = false;
    return std::nullopt;
  }
  ImGui::TextDisabled("Folder: %s", listed_.c_str());
  if (ImGui::BeginChild("entries", {0, -em * 5.5f}, true)) {
    if (ImGui::Selectable("[..]  up one folder")) {
      path_ = fs::path(listed_).parent_path().string();
      list(path_);
    }
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      const auto [name, dir] = entries_[i];
      const std::string full = (fs::path(listed_) / name).string();
      const std::string label = dir ? "[" + name + "]" : name;
      if (ImGui::Selectable(label.c_str(), path_ == full, ImGuiSelectableFlags_AllowDoubleClick)) {
        // A double-click whose first click opened this folder is not a double-click on what now lies under
        // the mouse: only a double-click begun in this listing chooses a file.
        const bool fresh = ImGui::GetTime() - listed_time_ < ImGui::GetIO().MouseDoubleClickTime + 0.05;
        if (dir) {
          if (ImGui::IsMouseDoubleClicked(0) && fresh) break;  // the second click of the one that opened it
          path_ = full;
          list(full);  // the listing changed under this loop: draw it next frame
          break;
        }
        path_ = full;
        if (ImGui::IsMouseDoubleClicked(0) && !fresh && accept(path_)) result = path_;
      }
      ui.item("dialog/entry/" + name);
    }
  }
  ImGui::EndChild();
  ImGui::SetNextItemWidth(-1);
  if (focus_path_) {
    ImGui::SetKeyboardFocusHere();
    focus_path_ = false;
  }
  const bool enter = ImGui::InputText("##path", &path_, ImGuiInputTextFlags_EnterReturnsTrue);
  ui.item("dialog/path");
  if (ImGui::IsItemEdited()) error_.clear();
  std::error_code ec;
  if (!error_.empty())
    ImGui::TextColored({0.75f, 0.1f, 0.1f, 1}, "%s", error_.c_str());
  else if (mode_ == Mode::Save && fs::exists(path_, ec))
    ImGui::TextColored({0.6f, 0.4f, 0, 1}, "This file exists and will be replaced.");
  else
    ImGui::NewLine();
  const bool ok = ImGui::Button(mode_ == Mode::Open     ? "Open"
                                : mode_ == Mode::Folder ? "Choose"
                                                        : "Save",
                                {em * 7, 0});
  ui.item("dialog/ok");
  ImGui::SameLine();
  const bool cancel =
      ImGui::Button("Cancel", {em * 7, 0}) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
  ui.item("dialog/cancel");
  std::string chosen;
  if ((ok || enter) && mode_ != Mode::Folder && fs::is_directory(path_, ec)) {
    list(path_);  // a typed folder is opened, not chosen
  } else if ((ok || enter) && accept(chosen)) {
    result = chosen;
  }
  if (result || cancel) {
    open_ = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  return result;
}

}  // namespace yjsim::gui
