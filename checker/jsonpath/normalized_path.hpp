#pragma once
// Normalized paths (RFC 9535 §2.7), e.g. $['store']['book'][0].

#include <cstddef>
#include <string>
#include <vector>

namespace roadwork::jsonpath {

/// The locations of nodes found during one evaluation, as steps back to the root. The evaluator records a
/// step per node it selects (cheap: no strings), and paths are spelled out only for the final nodelist.
/// Names point into the document's object keys, so a Trail must not outlive the document.
class Trail {
 public:
  /// The entry of the root node, `$`.
  static constexpr std::size_t kRoot = 0;

  Trail() : steps_{{kNone, nullptr, 0}} {}

  /// Records the member `name` of the node at entry `parent`; returns the new entry.
  std::size_t add_member(std::size_t parent, const std::string& name);

  /// Records the element `index` of the array at entry `parent`; returns the new entry.
  std::size_t add_element(std::size_t parent, std::size_t index);

  /// The normalized path of `entry` (RFC 9535 §2.7): names in single quotes with the escapes of
  /// normal-escapable (\b \f \n \r \t \' \\ and \u00xx in lowercase hex for other controls), indices in
  /// decimal.
  std::string path(std::size_t entry) const;

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  struct Step {
    std::size_t parent;
    const std::string* name;  // nullptr for an array element
    std::size_t index;
  };

  std::vector<Step> steps_;
};

}  // namespace roadwork::jsonpath
