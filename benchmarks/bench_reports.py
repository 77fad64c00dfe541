"""Reports on the ten-year demo panel (issue 14): the participation and influence report,
charts included, must come in under 2 s; and each analytics figure must cost no more
than twice the raw SQL it runs (both timed here, in one run, on the same file)."""

from __future__ import annotations

from .common import report, ten_year_panel, timed

REPORT_TARGET = 2.0  # seconds: every figure and table, and all eight charts drawn as PNG for Word
RATIO_TARGET = 2.0  # a figure's time over the time of the raw SQL it runs

#: figure -> the queries it runs (name, extra parameter): "bucket" is the period's bucket length
FIGURES = {
    "make_up": [("make_up", None)],
    "attendance": [("meetings", None), ("attendance", None)],
    "contributions": [("meetings", None), ("contributions", None)],
    "spoke": [("meetings", None), ("spoke", None)],
    "not_heard": [("not_heard", 3)],
    "decision_voices": [("meetings", None), ("decision_voices", "bucket")],
    "decision_levels": [("meetings", None), ("decision_levels", "bucket")],
    "decision_stages": [("meetings", None), ("decision_stages", "bucket")],
    "uptake": [("impact_outcomes", None), ("contribution_uptake", None)],
    "you_said": [("you_said", None)],
    "papers": [("papers", None)],
}


def main() -> int:
    from leap_desktop.export.charts import png
    from leap_desktop.services import PanelService
    from leap_desktop.store import analytics_queries as q

    path = ten_year_panel()
    ok = True
    with PanelService.open(path) as svc:
        a = svc.analytics
        period = a.period()
        bucket = a._bucket(period)
        whole = a.participation(period)
        print(f"  panel: {whole.meetings} held meetings, {len(whole.tables['you_said'].rows):,} actions done, "
              f"{sum(r[3] for r in whole.tables['contributions'].rows):,} contributions")

        def the_report():
            got = a.participation(period)
            for chart in got.charts:
                png(chart)

        ok &= report("participation report, 8 charts as PNG (200 dpi)", timed(the_report, repeat=3), REPORT_TARGET)
        ok &= report("  of which the figures alone", timed(lambda: a.participation(period), repeat=5))
        conn = svc.store.conn
        for figure, queries in FIGURES.items():
            def raw(queries=queries):
                for name, extra in queries:
                    params = q.params(name, None, None, bucket if extra == "bucket" else extra)
                    conn.execute(q.QUERIES[name], params).fetchall()

            call = getattr(a, figure)
            service_time = timed(lambda call=call: call(period), repeat=7)
            sql_time = timed(raw, repeat=7)
            ratio = service_time / sql_time if sql_time else 0.0
            good = ratio <= RATIO_TARGET
            ok &= good
            print(f"  {figure:<18} service {service_time * 1000:8.1f} ms   raw SQL {sql_time * 1000:8.1f} ms   "
                  f"ratio {ratio:4.2f}   target {RATIO_TARGET:.1f}   {'ok' if good else 'MISSED'}")
    return 0 if ok else 1
