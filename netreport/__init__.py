"""netreport: a weekly health report and outreach list for a career-networking workbook.

The public API; everything else is internal and may change.
"""

from netreport.version import __version__

__all__ = [
    "CheckedWorkbook",
    "Issue",
    "NetreportError",
    "Settings",
    "Severity",
    "WorkbookError",
    "__version__",
    "check_workbook",
    "write_starter",
]


def __getattr__(name: str) -> object:
    # Lazy, so `netreport --help` does not pay for pandas.
    if name in {"CheckedWorkbook", "check_workbook"}:
        from netreport import check

        return getattr(check, name)
    if name in {"Issue", "Severity"}:
        from netreport import issues

        return getattr(issues, name)
    if name == "Settings":
        from netreport.check.settings import Settings

        return Settings
    if name == "NetreportError":
        from netreport.errors import NetreportError

        return NetreportError
    if name == "WorkbookError":
        from netreport.read import WorkbookError

        return WorkbookError
    if name == "write_starter":
        from netreport.starter import write_starter

        return write_starter
    raise AttributeError(name)
