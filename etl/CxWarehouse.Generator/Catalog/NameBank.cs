namespace CxWarehouse.Generator.Catalog;

/// <summary>First and last names by language; Chinese names carry pinyin for e-mail addresses.</summary>
internal static class NameBank
{
    public static readonly IReadOnlyList<string> EnglishFirst =
    [
        "Amelia", "Oliver", "Olivia", "George", "Isla", "Harry", "Ava", "Jack", "Emily", "Noah", "Sophie",
        "James", "Grace", "Thomas", "Chloe", "William", "Lily", "Samuel", "Ella", "Daniel", "Mia", "Joseph",
        "Ruby", "Henry", "Evie", "Charlie", "Jessica", "Lucas", "Hannah", "Ethan", "Megan", "Ryan", "Sarah",
        "Michael", "Emma", "David", "Laura", "Benjamin", "Zoe", "Priya", "Aisha", "Mohammed", "Jane", "Tyler",
        "Madison", "Brandon", "Ashley", "Kayla", "Marcus", "Keisha", "Chloé", "Siobhan",
    ];

    public static readonly IReadOnlyList<string> EnglishLast =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
        "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
        "Patel", "Khan", "Lewis", "Harris", "Martin", "Cooper", "King", "Baker", "Hughes", "Turner", "Miller",
        "Garcia", "Rodriguez", "Martinez", "Anderson", "Thomas", "Moore", "Lee", "O'Brien", "Murphy", "Doe",
        "Nguyen", "Kowalski", "Okafor", "Fitzgerald", "McDonald",
    ];

    public static readonly IReadOnlyList<(string Hanzi, string Pinyin)> ChineseSurnames =
    [
        ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
        ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"), ("马", "ma"),
        ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("林", "lin"), ("罗", "luo"), ("高", "gao"),
        ("欧阳", "ouyang"), ("郑", "zheng"), ("谢", "xie"), ("宋", "song"),
    ];

    public static readonly IReadOnlyList<(string Hanzi, string Pinyin)> ChineseGiven =
    [
        ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"), ("强", "qiang"),
        ("磊", "lei"), ("洋", "yang"), ("艳", "yan"), ("勇", "yong"), ("军", "jun"), ("杰", "jie"), ("娟", "juan"),
        ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("秀英", "xiuying"), ("晓明", "xiaoming"), ("欣怡", "xinyi"),
        ("子涵", "zihan"), ("浩然", "haoran"), ("雨桐", "yutong"), ("梓萱", "zixuan"), ("俊杰", "junjie"),
        ("思远", "siyuan"), ("佳怡", "jiayi"), ("宇轩", "yuxuan"), ("婷", "ting"), ("鹏", "peng"),
    ];

    public static readonly IReadOnlyList<string> PortugueseFirst =
    [
        "Maria", "Ana", "João", "José", "Pedro", "Lucas", "Gabriel", "Rafael", "Juliana", "Fernanda", "Beatriz",
        "Camila", "Larissa", "Mariana", "Letícia", "Thiago", "Felipe", "Bruno", "Gustavo", "Matheus", "Carolina",
        "Isabela", "Luíza", "Vitória", "Rodrigo", "Eduardo", "Aline", "Patrícia", "Renata", "Paulo", "Antônio",
        "Gabriela",
    ];

    public static readonly IReadOnlyList<string> PortugueseLast =
    [
        "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
        "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira",
        "Barbosa", "Rocha", "Dias", "Nascimento", "Araújo", "Moreira", "Cardoso", "Gonçalves", "Conceição",
        "da Silva", "dos Santos",
    ];

    public static readonly IReadOnlyList<string> DianpingNicknames =
    [
        "小鱼儿", "吃货小王", "Amy酱", "快乐的猫", "阿杰", "momo", "糖糖", "旅行的风", "Lily_sh", "大白兔",
        "深圳小妹", "摄影爱好者", "静静", "橙子", "Kevin", "兔子不吃草", "一只小熊", "晴天", "Coco", "老周",
    ];
}
