package nl.switchboard.allegro.telefoon;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The Delphi server published its WSDL at /wsdl/&lt;IInterface&gt;; IVRs configured that way still find it. */
@Controller
public class DelphiWsdlPath {

    @GetMapping("/wsdl/ITelefoonService")
    public String wsdl() {
        return "forward:/soap/ITelefoonService?wsdl";
    }
}
