import Testing
@testable import SetkaServer

@Suite struct MarkupTests {
    @Test func interpolatedTextIsEscaped() {
        let name = "<script>alert('x')</script> & \"q\""
        let m: Markup = "<td title=\"\(name)\">\(name)</td>"
        #expect(m.html == "<td title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</td>")
    }

    @Test func markupInsideMarkupIsKeptAndOnlyTrustedIsRaw() {
        let inner: Markup = "<b>\("a<b")</b>"
        let outer: Markup = "<p>\(inner)</p>"
        #expect(outer.html == "<p><b>a&lt;b</b></p>")
        #expect(Markup.trusted("<i>x</i>").html == "<i>x</i>")
        #expect(Markup.text("<i>").html == "&lt;i&gt;")
        // Control characters are dropped, Cyrillic kept.
        #expect(Markup.text("Школа\u{7}№1").html == "Школа№1")
    }
}
