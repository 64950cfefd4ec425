#include "app/checking/database_seed.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "app/core/text_file.hpp"

namespace roadwork::checking {

std::string seed_database(const std::filesystem::path& path, const std::filesystem::path& script) {
  const auto sql = read_text_file(script);
  if (!sql) return fmt::format("cannot read {}", script.string());
  std::error_code ignored;  // a file that is not there is as good as removed
  for (const auto* suffix : {"", "-wal", "-shm", "-journal"})
    std::filesystem::remove(path.string() + suffix, ignored);
  try {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(*sql);
  } catch (const SQLite::Exception& error) {
    return fmt::format("{}: {}", script.filename().string(), error.what());
  }
  return "";
}

}  // namespace roadwork::checking
