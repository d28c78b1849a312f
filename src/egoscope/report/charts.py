"""Plotly figures of the report and the coaching sheet, rendered to HTML fragments.

The page carries plotly's bundled JavaScript exactly once: :class:`Charts` inlines it
(``include_plotlyjs=True``) in the first figure it renders and leaves it out of the others, so figures
must be rendered in the order they appear on the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from markupsafe import Markup
from plotly.subplots import make_subplots

from egoscope.report.i18n import Formatter, Translator
from egoscope.store.indicators import IndicatorRow

INK, MUTED, GRID = "#1f2937", "#6b7280", "#e5e7eb"
NAVY, TEAL, RISK, GOOD, AMBER = "#1e3a5f", "#0f766e", "#c2410c", "#15803d", "#b45309"
FONT = "Inter, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif"
CONFIG: dict[str, Any] = {"displaylogo": False, "responsive": True, "displayModeBar": False}


@dataclass
class Charts:
    """Renders figures in page order; the first one carries plotly.js."""

    fmt: Formatter
    rendered: int = field(default=0, init=False)

    def html(self, fig: go.Figure, div_id: str, *, wide: bool = False) -> Markup:
        """The figure as a ``<div>``; ``wide`` ones scroll sideways on a phone instead of being squeezed."""
        fig.update_layout(separators=self.fmt.plotly_separators())
        fragment = pio.to_html(fig, include_plotlyjs=self.rendered == 0, full_html=False, config=CONFIG,
                               div_id=div_id, default_width="100%", default_height=f"{fig.layout.height}px")
        self.rendered += 1
        css = "chart chart-wide" if wide else "chart"
        return Markup(f'<div class="{css}">{fragment}</div>')


def _layout(fig: go.Figure, *, height: int, legend: bool = False) -> go.Figure:
    fig.update_layout(
        height=height, margin={"l": 8, "r": 8, "t": 40, "b": 8}, font={"family": FONT, "size": 12, "color": INK},
        template="plotly_white", paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="#ffffff", showlegend=legend, hovermode="x unified",
        legend={"orientation": "h", "y": -0.18, "x": 0},
        hoverlabel={"font": {"family": FONT}, "bgcolor": "#ffffff"},
    )
    fig.update_xaxes(showgrid=False, linecolor=GRID, tickfont={"color": MUTED}, automargin=True)
    fig.update_yaxes(gridcolor=GRID, zeroline=False, tickfont={"color": MUTED}, rangemode="tozero", automargin=True)
    return fig


def _metric(row: IndicatorRow, name: str) -> float | None:
    value = getattr(row.values, name)
    return None if value is None else float(value)


def trend_figure(weeks: Sequence[IndicatorRow], months: Sequence[IndicatorRow], t: Translator,
                 fmt: Formatter, *, monthly_first: bool) -> go.Figure:
    """Four panels (conversations, risky remarks, escalations, revenue at risk) by week or month, with a toggle."""
    panels = [("conversations", t("chart.conversations"), NAVY, "bar", 1.0),
              ("risks_per_100_turns", t("chart.risk_rate"), RISK, "line", 1.0),
              ("escalation_rate", t("chart.escalation_rate"), AMBER, "line", 100.0),
              ("revenue_at_risk_eur", t("chart.revenue"), TEAL, "bar", 1.0)]
    fig = make_subplots(rows=2, cols=2, subplot_titles=[p[1] for p in panels], vertical_spacing=0.2,
                        horizontal_spacing=0.09)
    series = [("week", weeks, lambda r: fmt.short_day(r.start)), ("month", months, lambda r: fmt.month(r.start))]
    for period, rows, label in series:
        visible = (period == "month") == monthly_first
        for index, (name, title, colour, style, scale) in enumerate(panels):
            x = [label(r) for r in rows]
            y = [None if (v := _metric(r, name)) is None else v * scale for r in rows]
            trace: Any = (go.Bar(marker_color=colour, marker_line_width=0) if style == "bar"
                          else go.Scatter(mode="lines+markers", line={"color": colour, "width": 2.5},
                                          marker={"size": 6}, connectgaps=True))
            trace.update(x=x, y=y, name=title, visible=visible, hovertemplate=f"%{{y:,.1f}}<extra>{title}</extra>")
            fig.add_trace(trace, row=index // 2 + 1, col=index % 2 + 1)
    fig.update_yaxes(ticksuffix=" %" if fmt.lang == "fr" else "%", row=2, col=1)
    fig.update_xaxes(nticks=9)
    per_period = len(panels)
    buttons = [{"label": t(f"chart.by_{period}"), "method": "update",
                "args": [{"visible": [i // per_period == p for i in range(2 * per_period)]}]}
               for p, (period, _rows, _label) in enumerate(series)]
    fig.update_layout(updatemenus=[{"type": "buttons", "direction": "right", "x": 1, "xanchor": "right", "y": 1.16,
                                    "buttons": buttons, "active": int(monthly_first), "showactive": True,
                                    "bgcolor": "#f3f4f6", "bordercolor": GRID, "font": {"size": 11}}])
    fig.update_annotations(font={"size": 13, "color": INK})
    _align_titles(fig)
    return _layout(fig, height=520)


def _align_titles(fig: go.Figure) -> None:
    """Subplot titles on the left edge of their panel, like card headings."""
    for annotation, axis in zip(fig.layout.annotations, ("xaxis", "xaxis2", "xaxis3", "xaxis4"), strict=False):
        annotation.update(x=fig.layout[axis].domain[0], xanchor="left")


def categories_figure(labels: Sequence[str], counts: Sequence[int], colour: str, *, title: str) -> go.Figure:
    """A horizontal bar per category, the most frequent on top."""
    fig = go.Figure(go.Bar(x=list(counts)[::-1], y=list(labels)[::-1], orientation="h", marker_color=colour,
                           marker_line_width=0, text=list(counts)[::-1], textposition="outside",
                           cliponaxis=False, hovertemplate="%{y}: %{x}<extra></extra>"))
    fig.update_layout(title={"text": title, "font": {"size": 14}, "x": 0, "xanchor": "left"})
    _layout(fig, height=max(180, 60 + 28 * len(labels)))
    fig.update_layout(hovermode="closest")
    # An explicit range: autorange with outside labels can leave the longest bars past the plot area.
    fig.update_xaxes(showticklabels=False, gridcolor="rgba(0,0,0,0)", range=[0, 1.15 * max(counts, default=1)],
                     autorange=False)
    fig.update_yaxes(gridcolor="rgba(0,0,0,0)", tickfont={"color": INK})
    return fig


def agent_trend_figure(labels: Sequence[str], good: Sequence[int], risks: Sequence[int],
                       t: Translator) -> go.Figure:
    """An agent's good practices and risky remarks, period by period (counts, side by side)."""
    fig = go.Figure()
    for name, values, colour in ((t("coach.chart.good"), good, GOOD), (t("coach.chart.risks"), risks, RISK)):
        fig.add_trace(go.Bar(x=list(labels), y=list(values), name=name, marker_color=colour, marker_line_width=0,
                             text=list(values), textposition="outside", cliponaxis=False))
    fig.update_layout(barmode="group", bargap=0.35, bargroupgap=0.08,
                      title={"text": t("coach.chart.title"), "font": {"size": 14}, "x": 0, "xanchor": "left"})
    return _layout(fig, height=340, legend=True)
