"""Value sets of the people app, with the official wording."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("男")
    FEMALE = "female", _("女")


class Ethnicity(models.TextChoices):
    """The 56 ethnic groups, coded as in GB/T 3304."""

    HAN = "01", _("汉族")
    MONGOL = "02", _("蒙古族")
    HUI = "03", _("回族")
    TIBETAN = "04", _("藏族")
    UYGHUR = "05", _("维吾尔族")
    MIAO = "06", _("苗族")
    YI = "07", _("彝族")
    ZHUANG = "08", _("壮族")
    BUYI = "09", _("布依族")
    KOREAN = "10", _("朝鲜族")
    MANCHU = "11", _("满族")
    DONG = "12", _("侗族")
    YAO = "13", _("瑶族")
    BAI = "14", _("白族")
    TUJIA = "15", _("土家族")
    HANI = "16", _("哈尼族")
    KAZAKH = "17", _("哈萨克族")
    DAI = "18", _("傣族")
    LI = "19", _("黎族")
    LISU = "20", _("傈僳族")
    WA = "21", _("佤族")
    SHE = "22", _("畲族")
    GAOSHAN = "23", _("高山族")
    LAHU = "24", _("拉祜族")
    SHUI = "25", _("水族")
    DONGXIANG = "26", _("东乡族")
    NAXI = "27", _("纳西族")
    JINGPO = "28", _("景颇族")
    KIRGIZ = "29", _("柯尔克孜族")
    TU = "30", _("土族")
    DAUR = "31", _("达斡尔族")
    MULAO = "32", _("仫佬族")
    QIANG = "33", _("羌族")
    BLANG = "34", _("布朗族")
    SALAR = "35", _("撒拉族")
    MAONAN = "36", _("毛南族")
    GELAO = "37", _("仡佬族")
    XIBE = "38", _("锡伯族")
    ACHANG = "39", _("阿昌族")
    PUMI = "40", _("普米族")
    TAJIK = "41", _("塔吉克族")
    NU = "42", _("怒族")
    UZBEK = "43", _("乌孜别克族")
    RUSSIAN = "44", _("俄罗斯族")
    EWENKI = "45", _("鄂温克族")
    DEANG = "46", _("德昂族")
    BONAN = "47", _("保安族")
    YUGUR = "48", _("裕固族")
    GIN = "49", _("京族")
    TATAR = "50", _("塔塔尔族")
    DERUNG = "51", _("独龙族")
    OROQEN = "52", _("鄂伦春族")
    HEZHEN = "53", _("赫哲族")
    MONBA = "54", _("门巴族")
    LHOBA = "55", _("珞巴族")
    JINO = "56", _("基诺族")


class PoliticalStatus(models.TextChoices):
    CPC_MEMBER = "cpc_member", _("中共党员")
    CPC_PROBATIONARY = "cpc_probationary", _("中共预备党员")
    CYL_MEMBER = "cyl_member", _("共青团员")
    DEMOCRATIC_PARTY = "democratic_party", _("民主党派成员")
    NON_PARTISAN = "non_partisan", _("无党派人士")
    MASSES = "masses", _("群众")


class Education(models.TextChoices):
    DOCTORATE = "doctorate", _("研究生（博士）")
    MASTER = "master", _("研究生（硕士）")
    BACHELOR = "bachelor", _("大学本科")
    JUNIOR_COLLEGE = "junior_college", _("大学专科")
    SECONDARY_VOCATIONAL = "secondary_vocational", _("中等专科")
    HIGH_SCHOOL = "high_school", _("高中")
    BELOW = "below", _("初中及以下")


class Category(models.TextChoices):
    CADRE = "cadre", _("党政干部")
    PROFESSIONAL = "professional", _("专业技术人才")
    FLEXIBLE = "flexible", _("柔性引进人才")


class ProfessionalKind(models.TextChoices):
    TEACHER = "teacher", _("教师")
    DOCTOR = "doctor", _("医生")
    OTHER = "other", _("其他")


class TermType(models.TextChoices):
    THREE_YEARS = "3y", _("三年")
    EIGHTEEN_MONTHS = "18m", _("一年半")
    ONE_YEAR = "1y", _("一年")
    HALF_YEAR = "6m", _("半年")
    SHORT = "short", _("短期")

    @property
    def months(self) -> int | None:
        return {"3y": 36, "18m": 18, "1y": 12, "6m": 6}.get(self.value)


class AssignmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("拟选派")
    ON_POST = "on_post", _("在岗")
    COMPLETED = "completed", _("期满返回")
    EARLY_RETURN = "early_return", _("提前返回")
    ROTATED = "rotated", _("轮换")


# Where a status may go next; every move is a service call (services.py).
TRANSITIONS = {
    AssignmentStatus.PROPOSED: {AssignmentStatus.ON_POST},
    AssignmentStatus.ON_POST: {
        AssignmentStatus.COMPLETED, AssignmentStatus.EARLY_RETURN, AssignmentStatus.ROTATED,
    },
    AssignmentStatus.COMPLETED: set(),
    AssignmentStatus.EARLY_RETURN: set(),
    AssignmentStatus.ROTATED: set(),
}
ENDED = (AssignmentStatus.COMPLETED, AssignmentStatus.EARLY_RETURN, AssignmentStatus.ROTATED)


class LeaveKind(models.TextChoices):
    HOME_VISIT = "home_visit", _("探亲")
    SICK = "sick", _("病假")
    PERSONAL = "personal", _("事假")
    OFFICIAL_TRIP = "official_trip", _("公差")
    TRAINING = "training", _("培训")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    COMPETENT = "competent", _("称职")
    BASICALLY_COMPETENT = "basically_competent", _("基本称职")
    INCOMPETENT = "incompetent", _("不称职")
    QUALIFIED = "qualified", _("合格")
    BASICALLY_QUALIFIED = "basically_qualified", _("基本合格")
    UNQUALIFIED = "unqualified", _("不合格")


# Civil servants (党政干部) are graded 优秀/称职/基本称职/不称职; public institutions
# (schools, hospitals: 专业技术人才 and 柔性引进人才) 优秀/合格/基本合格/不合格.
GRADE_SCALES = {
    Category.CADRE: (Grade.EXCELLENT, Grade.COMPETENT, Grade.BASICALLY_COMPETENT,
                     Grade.INCOMPETENT),
    Category.PROFESSIONAL: (Grade.EXCELLENT, Grade.QUALIFIED, Grade.BASICALLY_QUALIFIED,
                            Grade.UNQUALIFIED),
    Category.FLEXIBLE: (Grade.EXCELLENT, Grade.QUALIFIED, Grade.BASICALLY_QUALIFIED,
                        Grade.UNQUALIFIED),
}
EXCELLENT_WARNING_SHARE = 15  # per cent of a command's people in a year
EXCELLENT_LIMIT_SHARE = 20


class AwardLevel(models.TextChoices):
    NATIONAL = "national", _("国家级")
    AUTONOMOUS_REGION = "autonomous_region", _("自治区级")
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
