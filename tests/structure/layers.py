"""The libraries of the source tree and the edges between them, as CMakeLists.txt declares them.

Each folder under checker/ and app/ is one library (roadwork_library in CMakeLists.txt). This test fails when
- a file includes a header of another library that its library does not link directly (an undeclared edge,
  which builds only by luck of what else is linked), or a library links one it never includes;
- anything under checker/ includes app/ (checker/ is check files in, results out, and knows no product);
- app/core includes anything but app/core and checker/text (the product-free core: files, processes,
  threads, text).

Usage: python3 tests/structure/layers.py [source dir]
"""
import re
import sys
from pathlib import Path

ROOT = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parents[2]
LIBRARY = re.compile(r"roadwork_library\((\w+)\s+([^\s)]+)([^)]*)\)")
INCLUDE = re.compile(r'^#include "((?:app|checker)/\w+)/[^"]+"', re.M)
CORE_MAY_INCLUDE = {"app/core", "checker/text"}


def libraries():
    """{folder: (library, set of the libraries it links)} from CMakeLists.txt."""
    found = {}
    for match in LIBRARY.finditer((ROOT / "CMakeLists.txt").read_text()):
        found[match.group(2)] = (match.group(1), set(match.group(3).split()))
    return found


def main():
    folders = libraries()
    names = {name for name, _ in folders.values()}
    problems = []
    for folder, (name, links) in sorted(folders.items()):
        used = set()
        for source in sorted((ROOT / folder).glob("*.[ch]pp")):
            for other in INCLUDE.findall(source.read_text()):
                where = f"{source.relative_to(ROOT)}: includes {other}/"
                if other == folder:
                    continue
                if folder.startswith("checker/") and other.startswith("app/"):
                    problems.append(f"{where}, but checker/ never includes app/")
                if folder == "app/core" and other not in CORE_MAY_INCLUDE:
                    problems.append(f"{where}, but app/core includes only app/core and checker/text")
                if other not in folders:
                    problems.append(f"{where}, which is no library of CMakeLists.txt")
                    continue
                used.add(folders[other][0])
                if folders[other][0] not in links:
                    problems.append(f"{where}, but {name} does not link {folders[other][0]} in CMakeLists.txt")
        for unused in sorted((links & names) - used):
            problems.append(f"CMakeLists.txt: {name} links {unused} but includes nothing of it")
    for problem in dict.fromkeys(problems):
        print(problem)
    print(f"{len(folders)} libraries, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
