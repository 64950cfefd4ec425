#include "checker/jsonpath/normalized_path.hpp"

#include <algorithm>

namespace roadwork::jsonpath {
namespace {

// RFC 9535 §2.7: normal-single-quoted.
void append_name(std::string& out, const std::string& name) {
  constexpr char kHex[] = "0123456789abcdef";
  out += "['";
  for (const char c : name) {
    switch (c) {
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\'':
        out += "\\'";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += "']";
}

}  // namespace

std::size_t Trail::add_member(std::size_t parent, const std::string& name) {
  steps_.push_back({parent, &name, 0});
  return steps_.size() - 1;
}

std::size_t Trail::add_element(std::size_t parent, std::size_t index) {
  steps_.push_back({parent, nullptr, index});
  return steps_.size() - 1;
}

std::string Trail::path(std::size_t entry) const {
  std::vector<const Step*> chain;
  for (std::size_t at = entry; at != kRoot; at = steps_[at].parent) chain.push_back(&steps_[at]);
  std::string out = "$";
  std::for_each(chain.rbegin(), chain.rend(), [&out](const Step* step) {
    if (step->name != nullptr) {
      append_name(out, *step->name);
    } else {
      out += '[' + std::to_string(step->index) + ']';
    }
  });
  return out;
}

}  // namespace roadwork::jsonpath
