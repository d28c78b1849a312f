"""HTML presenters over the store: the managers' report and the agents' coaching sheets."""

from egoscope.report.cost import Budgets
from egoscope.report.render import render_coaching_sheet, render_report, write_coaching_sheet, write_report

__all__ = ["Budgets", "render_coaching_sheet", "render_report", "write_coaching_sheet", "write_report"]
