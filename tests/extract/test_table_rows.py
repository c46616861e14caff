"""Task tables written as " | " text rows read their header words from the same vocabulary as table grids
(table_headers.tsv), folded to the roles a text row has."""

from __future__ import annotations

from policykg.extract.table_rows import Columns, header_row


def test_the_gbf_2018_126_header_reads_task_content_and_guiding_department():
    columns = header_row("序号 | 改革举措 | 主要内容 | 指导部门 | 推广范围")
    assert columns == Columns(("number", "task", "content", "指导部门", "ignore"))
    assert columns.text_column == 1


def test_a_sub_area_header_of_the_grid_vocabulary_is_an_area_column_of_a_text_row():
    assert header_row("具体举措 | 工作任务 | 牵头单位") == Columns(("area", "task", "牵头单位"))


def test_a_measure_header_known_from_grids_is_a_task_column_in_text_rows():
    assert header_row("序号 | 具体措施 | 牵头单位 | 完成时限") == Columns(("number", "task", "牵头单位", "完成时限"))


def test_a_unit_column_header_that_is_no_note_label_makes_no_header_row():
    """时间安排 heads deadline columns of grids, but a text row's unit and deadline cells are read as a note
    under their header, and 时间安排 is no note label of duty_labels.tsv."""
    assert header_row("序号 | 工作任务 | 牵头单位 | 时间安排") is None


def test_a_row_of_ordinary_words_is_no_header():
    assert header_row("加强领导 | 完善制度 | 强化保障") is None
