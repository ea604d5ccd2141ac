import Foundation
@testable import SetkaGenerator
import SetkaModel
import Testing

@Test func idsAreTransliteratedToLatin() {
    #expect(transliterate("Берёзовская") == "beryozovskaya")
    #expect(transliterate("Щучинская") == "shchuchinskaya")
    #expect(transliterate("Новокамень-Кашира 2") == "novokamen-kashira-2")
    #expect(transliterate("«Лицей № 1»") == "litsey-1")
}

@Test func russianPluralsAgreeWithTheNumber() {
    let forms = [1: "1 район", 2: "2 района", 5: "5 районов", 11: "11 районов", 21: "21 район", 31: "31 район",
                 34: "34 района", 112: "112 районов"]
    for (n, text) in forms { #expect(Names.count(n, "район", "района", "районов") == text) }
    #expect(Names.masculine("Берёзовская") == "Берёзовский")
    #expect(Names.masculine("Троицкая") == "Троицкий")
}

@Test func settlementNamesAreDistinctUpToThePoolSize() {
    var rng = SplitMix64(seed: 3)
    let names = Names.settlements(300, rng: &rng)
    #expect(Set(names).count == 300)
    #expect(names.prefix(Names.settlementBases.count).allSatisfy(Names.settlementBases.contains))
    #expect(Set(names.map(transliterate)).count == 300)
}

@Test func apportionKeepsTheTotalAndTheProportions() {
    #expect(Drafting.apportion([1, 1, 2], total: 8) == [2, 2, 4])
    #expect(Drafting.apportion([3, 1], total: 0) == [0, 0])
    #expect(Drafting.apportion([0, 0, 0], total: 5).reduce(0, +) == 5)
    #expect(Drafting.apportion([100, 1], total: 10) == [9, 1])  // each gets at least one
    #expect(Drafting.apportion([], total: 3) == [])
}

@Test func cosineSeriesMatchesTheLibrary() {
    for deg in stride(from: 0.0, through: 80.0, by: 7.5) {
        let x = deg * .pi / 180
        #expect(abs(Geography.cosine(x) - cos(x)) < 1e-14)
    }
}

@Test func statisticsSummaryIsReadable() {
    let s = DistrictGenerator(DistrictParameters(seed: 1, schools: 4, seniors: 100, courses: 6, slots: 2)).generate()
    let stats = DistrictStatistics(s)
    #expect(stats.schools == 4 && stats.seniors == 100 && stats.courses == 6 && stats.slots == 2)
    #expect(stats.summary.hasPrefix("6 organisations (4 schools, "))
    #expect(DistrictStatistics.twoDecimals(1.2) == "1.20" && DistrictStatistics.twoDecimals(1.057) == "1.06")
}
