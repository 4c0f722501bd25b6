package io.billstream.document.issuing;

import io.billstream.document.pdf.DocumentPdf;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PdfConfiguration {

    /** Stateless: one drawer for every issuing thread. */
    @Bean
    DocumentPdf documentPdf() {
        return new DocumentPdf();
    }
}
