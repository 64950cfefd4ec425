#include "app/cli/junit_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "app/core/fatal.hpp"
#include "checker/report/junit_writer.hpp"

namespace roadwork::cli {

void write_junit_file(const std::string& path, const report::Report& report) {
  const auto xml = report::to_junit_xml(report);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out.write(xml.data(), static_cast<std::streamsize>(xml.size()));
  if (out) out.close();
  if (!out) throw Fatal("cannot write the JUnit report to " + path + ": " + std::strerror(errno));
}

}  // namespace roadwork::cli
