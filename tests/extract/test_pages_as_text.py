"""Portal pages saved as text: footer link lists are dropped by cleaning, so their names are no institutions,
and the title is the page's, without leftover markup or the site's name.

The lines are those of the two portal pages of ../shared/corpus/real (.txt renderings): the 山西省人民政府
footer (addresses beside department names) and the gov.cn 国务院公报 footer (链接: then names)."""

from __future__ import annotations

import pytest

from policykg.extract.clean import clean_text, fold_width
from policykg.extract.meta import page_date, title_of
from policykg.extract.pipeline import extract_paths

ARTICLE = ("举办山西品牌丝路行(南美站)活动,是我省贯彻落实习近平总书记视察山西重要讲话精神、积极主动融入“一带一路”建设、"
           "加快构建内陆地区对外开放新高地的具体举措。")
SHANXI_FOOTER = ["省政府部门", "市、县(区)", "国务院部门", "各省区市", "新闻媒体",
                 "http://fgw.shanxi.gov.cn", "省发展和改革委员会", "http://jyt.shanxi.gov.cn", "省教育厅",
                 "http://kjt.shanxi.gov.cn", "省科学技术厅", "123", "省政府研究室",
                 "http://www.mps.gov.cn/", "公安部", "国家安全部", "http://www.mca.gov.cn/", "民政部"]
GOVCN_FOOTER = ["扫一扫在手机打开当前页", "相关稿件", "链接:", "全国人大", "全国政协", "国家监察委员会", "最高人民法院",
                "最高人民检察院", "国务院部门网站", "地方政府网站", "中国政府网", "关于本网", "网站声明"]


def test_addresses_beside_names_are_a_list_from_the_first_address_to_the_label_after_the_last():
    cleaned = clean_text("\n\n".join([ARTICLE, *SHANXI_FOOTER]))
    for gone in ["省发展和改革委员会", "省教育厅", "省政府研究室", "国家安全部", "民政部", "http://"]:
        assert gone not in cleaned, gone
    # the article, and the menu lines before the first address stay
    assert cleaned.split("\n\n") == [ARTICLE, "省政府部门", "市、县(区)", "国务院部门", "各省区市", "新闻媒体"]


def test_names_after_a_link_heading_are_a_list_up_to_the_next_sentence():
    closing = "会议决定:批准发行15500亿元特别国债购买外汇。"
    cleaned = clean_text("\n".join([closing, *GOVCN_FOOTER, "主办单位:国务院办公厅 运行维护单位:中国政府网运行中心"]))
    assert cleaned == closing


def test_a_signature_before_a_footer_stays():
    # the signature's lines are plain too, and the last one stands right before the first address
    lines = [ARTICLE, "国务院办公厅", "2018年11月30日", "(此件公开发布)", *SHANXI_FOOTER[5:]]
    assert clean_text("\n".join(lines)).split("\n") == lines[:4]


@pytest.mark.parametrize("lines", [
    # a document's own list of member units, one per line: no address, no link heading
    ["领导小组成员单位:", "省委宣传部", "省发展改革委", "省教育厅", "省科技厅", "省工业和信息化厅", "省公安厅"],
    # one or two addresses are a source line or a download hint, not a list
    ["推进政务公开。", "http://www.gov.cn/zhengce/content/2018-12/03/content_5345316.htm", "国务院办公厅",
     "http://www.shanxi.gov.cn", "山西省人民政府"],
])
def test_lists_without_addresses_or_heading_stay(lines):
    assert clean_text("\n".join(lines)).split("\n") == lines


@pytest.mark.parametrize(("opening", "title"), [
    ("-->\n\n山西品牌丝路行(南美站)正式启动 - 山西省人民政府门户网站\n\n中国政府网",
     "山西品牌丝路行(南美站)正式启动"),
    ("全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007 年末国债余额限额的决议"
     "__2007年第23号国务院公报_中国政府网\n首页",
     "全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007 年末国债余额限额的决议"),
    # a document's own first line keeps its dashes (no site name follows a spaced separator)
    ("政府工作报告——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强",
     "政府工作报告——2024年3月5日在第十四届全国人民代表大会第二次会议上"),
])
def test_a_text_is_titled_by_its_first_line_with_a_word_without_the_site_name(opening, title):
    assert title_of(opening, None) == title


@pytest.mark.parametrize(("text", "date"), [
    ("山西品牌丝路行(南美站)正式启动\n\n时间：2019-09-18 06:23\n来源：\n山西日报", "2019-09-18"),
    ("  发布日期：2019年9月18日\n", "2019-09-18"),
    ("更新时间:2020/1/2", "2020-01-02"),
    # a date inside a sentence or after another label is no page date
    ("会议时间：2019-09-18", None),
    ("报名截止时间：2019-09-18，逾期不候。", None),
    ("时间:2019-13-01", None),
])
def test_a_page_is_dated_by_its_own_date_line(text, date):
    assert page_date(text) == date


@pytest.mark.shared
@pytest.mark.parametrize("name", ["shanxi_gov_portal_2019_news_page", "govcn_gongbao_2007_23_npc_page"])
def test_a_portal_page_as_text_has_the_title_of_the_page(shared_dir, name):
    real = shared_dir / "corpus" / "real"
    (page,), (text,) = (extract_paths([real / f"{name}.{ext}"]).documents for ext in ("html", "txt"))
    assert text.title == fold_width(page.title)


@pytest.mark.shared
def test_a_news_page_as_text_has_the_date_of_the_page(shared_dir):
    real = shared_dir / "corpus" / "real"
    (page,), (text,) = (extract_paths([real / f"shanxi_gov_portal_2019_news_page.{ext}"]).documents
                        for ext in ("html", "txt"))
    assert text.date == page.date == "2019-09-18"


@pytest.mark.shared
@pytest.mark.parametrize("name", ["shanxi_gov_portal_2019_news_page", "govcn_gongbao_2007_23_npc_page"])
def test_a_portal_page_as_text_names_no_unit_of_its_footer(shared_dir, name):
    real = shared_dir / "corpus" / "real"
    (page,), (text,) = (extract_paths([real / f"{name}.{ext}"]).documents for ext in ("html", "txt"))
    from_page = {i.name for i in page.institutions}
    from_text = {i.name for i in text.institutions}
    assert from_page <= from_text
    # the footers list 外交部 … and 太原市 … (山西), 全国人大 … 最高人民检察院 (gov.cn); menus may leave a name or two
    assert len(from_text - from_page) <= 2, sorted(from_text - from_page)
    assert not {"外交部", "山西省教育厅", "最高人民检察院", "全国人民代表大会"} & from_text
