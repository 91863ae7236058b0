// Imports a ~100 KB published report (the example with its prose repeated), for callgrind.
fn main() {
    let text = include_str!("../../../tests/data/longde-2024.txt");
    let paragraph = text.lines().find(|l| l.starts_with("2024年，隆德县")).unwrap().to_string() + "\n\n";
    let big =
        text.replace("## 二、主动公开政府信息情况", &format!("{}## 二、主动公开政府信息情况", paragraph.repeat(200)));
    let imported = nianbao_import::import(&big).unwrap();
    assert_eq!(imported.missing_rows.len(), 0);
    println!("{} KB", big.len() / 1024);
}
