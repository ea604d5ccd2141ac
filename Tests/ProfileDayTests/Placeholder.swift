import Testing

@Test func placeholder_ProfileDayTests() { #expect(Bool(true)) }
