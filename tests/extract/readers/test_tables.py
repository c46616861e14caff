"""The grid renderer's columns come from the one header vocabulary (table_headers.tsv): a content column
(主要内容) is the task only when the table has no task column, wherever it stands."""

from __future__ import annotations

from policykg.extract.readers.tables import column_role, table_lines


def test_a_content_column_before_the_task_column_is_not_the_task():
    grid = [["序号", "主要内容", "工作任务", "牵头单位"],
            ["1", "整合分散的审判资源", "深化知识产权审判改革", "市中级法院"]]
    assert table_lines(grid) == (["1.深化知识产权审判改革（牵头单位：市中级法院）"], True)


def test_a_content_column_is_the_task_of_a_table_without_one():
    grid = [["序号", "主要内容", "配合单位"], ["1", "完善社区矫正制度", "市公安局"]]
    assert table_lines(grid) == (["1.完善社区矫正制度（配合单位：市公安局）"], True)


def test_a_sub_area_column_heads_its_tasks_one_level_below_the_area():
    grid = [["重点任务", "具体举措", "工作任务", "牵头单位"],
            ["优化营商环境", "深化放管服改革", "推行证明事项告知承诺制", "市司法局"]]
    assert table_lines(grid)[0] == ["一、优化营商环境", "（一）深化放管服改革",
                                    "1.推行证明事项告知承诺制（牵头单位：市司法局）"]
    assert column_role("具体举措") == "subarea"
