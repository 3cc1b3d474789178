-- bench/p4: each wrk connection plays an IVR caller: AllegroLogin, then with its sessionguid
-- AllegroTelefoonGetKlant, AllegroGetVrijOpneembareReserveringen and AllegroOpnameReservering of one
-- cent, then a new login. Run with as many threads as connections (one caller per Lua state); flows
-- and failures are globals so that done() can read them from every thread. With an operation's name
-- as argument (wrk ... -- AllegroTelefoonGetKlant) a caller logs in once and then repeats that
-- operation alone, each answer counted as a flow: the cost of one operation against the echo.
local ns = 'xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tel="urn:TelefoonServiceIntf-ITelefoonService"'
local function envelope(session, body)
    local header = ""
    if session then
        header = "<soapenv:Header><tel:sessionguid>" .. session .. "</tel:sessionguid></soapenv:Header>"
    end
    return "<soapenv:Envelope " .. ns .. ">" .. header .. "<soapenv:Body>" .. body .. "</soapenv:Body></soapenv:Envelope>"
end
local steps = {
    {"AllegroLogin", function() return envelope(nil,
        "<tel:AllegroLogin><tel:Aanmeldcode>ivr</tel:Aanmeldcode><tel:Wachtwoord>demo-wachtwoord</tel:Wachtwoord>"
        .. "<tel:Relatiecode>4599</tel:Relatiecode></tel:AllegroLogin>") end},
    {"AllegroTelefoonGetKlant", function(s) return envelope(s, "<tel:AllegroTelefoonGetKlant/>") end},
    {"AllegroGetVrijOpneembareReserveringen", function(s) return envelope(s, "<tel:AllegroGetVrijOpneembareReserveringen/>") end},
    {"AllegroOpnameReservering", function(s) return envelope(s,
        "<tel:AllegroOpnameReservering><tel:Relatiecode>4599</tel:Relatiecode><tel:VolgnummerReservering>4</tel:VolgnummerReservering>"
        .. "<tel:Bedrag>0.01</tel:Bedrag><tel:WelkeRekening>wrRelatie</tel:WelkeRekening></tel:AllegroOpnameReservering>") end},
}
local step = 1
local session = nil
local again = 1
flows = 0
failures = 0

function init(args)
    if args[1] then
        for _, s in ipairs(steps) do
            if s[1] == args[1] then
                steps, again = {steps[1], s}, 2
                return
            end
        end
        error("no such operation in the flow: " .. args[1])
    end
end

function request()
    local operation, body = steps[step][1], steps[step][2](session)
    return wrk.format("POST", wrk.path, {["Content-Type"] = "text/xml; charset=utf-8",
        ["SOAPAction"] = '"urn:TelefoonServiceIntf-ITelefoonService#' .. operation .. '"'}, body)
end

function response(status, headers, body)
    if status ~= 200 or not string.find(body, "<ExtraInfo>0</ExtraInfo>", 1, true) then
        failures = failures + 1
        step, session = 1, nil
        return
    end
    if step == 1 then
        session = string.match(body, "<sessionguid[^>]*>([^<]+)</sessionguid>")
    end
    step = step + 1
    if step > #steps then
        flows = flows + 1
        step = again
        if again == 1 then
            session = nil
        end
    end
end

local threads = {}
function setup(thread)
    table.insert(threads, thread)
end

function done(summary, latency, requests)
    local total, failed = 0, 0
    for _, thread in ipairs(threads) do
        total = total + thread:get("flows")
        failed = failed + thread:get("failures")
    end
    io.write(string.format("flows %d failures %d\n", total, failed))
end
